from engagelint.cli import main

main()

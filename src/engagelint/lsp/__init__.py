"""``engagelint lsp``: a language server (stdio) for editors. See ``engagelint.lsp.server``."""

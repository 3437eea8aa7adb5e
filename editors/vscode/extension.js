// Starts `engagelint lsp` for Markdown, plain-text and CSV drafts; everything else (diagnostics,
// quick fixes, "disable" actions, hover) comes from the language server itself.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("engagelint");
  const command = settings.get("path", "engagelint");
  const args = ["lsp", ...settings.get("args", [])];
  client = new LanguageClient(
    "engagelint",
    "engagelint",
    { command, args },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "file", language: "plaintext" },
        { scheme: "file", language: "csv" },
        { scheme: "untitled", language: "markdown" },
      ],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/{engagelint.toml,.engagelint.toml,pyproject.toml}"),
      },
    }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

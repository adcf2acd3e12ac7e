import * as vscode from 'vscode';

/** One command: an id from package.json and what it does. One class per file under `commands/`. */
export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

/**
 * Registers commands and owns their registrations (the markdown-language-features pattern):
 * disposing the manager unregisters every command it registered.
 */
export class CommandManager implements vscode.Disposable {
  private readonly commands = new Map<string, vscode.Disposable>();

  register<T extends Command>(command: T): T {
    if (this.commands.has(command.id)) {
      throw new Error(`Command ${command.id} is registered twice`);
    }
    this.commands.set(command.id, vscode.commands.registerCommand(command.id, command.execute, command));
    return command;
  }

  /** The ids registered so far, in registration order. */
  get ids(): readonly string[] {
    return [...this.commands.keys()];
  }

  dispose(): void {
    for (const registration of this.commands.values()) {
      registration.dispose();
    }
    this.commands.clear();
  }
}

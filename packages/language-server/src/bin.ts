#!/usr/bin/env node
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from './server.js';

// The transport comes from the command line: --stdio, --node-ipc, --socket=<port> or --pipe=<name>.
const connection = createConnection();
startServer(connection);
connection.listen();

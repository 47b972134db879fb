// The project model: which program (tsconfig, jsconfig or inferred) each file belongs to. Loads TypeScript.
export { ProjectModel, INFERRED_OPTIONS, type Project, type ProjectKind, type ProjectOfFile, type ConfigRead, type ProgramInput } from './node/project-model.js';
export { createProjectProgram, workspaceModuleResolver, withWorkspacePackage } from './node/workspace-module.js';

/** Why a file may not import `specifier` (the project's import boundaries), or undefined when it may. */
export function boundaryProblem(file: string, specifier: string): string | undefined;
declare const plugin: { rules: Record<string, unknown> };
export default plugin;

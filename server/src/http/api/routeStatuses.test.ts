import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { statusOfDomainError } from './apiRouter.js';
import { documentOfRoutes } from './routeTable.testing.js';

const serverDir = path.resolve(import.meta.dirname, '../../..');
const sourceDir = path.join(serverDir, 'src') + path.sep;

const config = ts.getParsedCommandLineOfConfigFile(
  path.join(serverDir, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
)!;
const program = ts.createProgram({
  rootNames: config.fileNames.filter((f) => /\/http\/api\/\w+Routes\.ts$/.test(f)),
  options: config.options,
});
const checker = program.getTypeChecker();

type Bindings = ReadonlyMap<ts.Symbol, ts.Expression>;
const none: Bindings = new Map();

const isOurs = (node: ts.Node) => {
  const file = node.getSourceFile().fileName;
  return file.startsWith(sourceDir.split(path.sep).join('/')) && !file.endsWith('.test.ts');
};

function symbolOf(node: ts.Node): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(node);
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** The code a declaration runs when called: a function's body, or the function a variable or property holds. */
function codeOf(declaration: ts.Declaration): ts.Node | undefined {
  if (!isOurs(declaration)) return undefined;
  if (ts.isFunctionLike(declaration) && 'body' in declaration) return declaration.body;
  if ((ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) {
    const init = declaration.initializer;
    return ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? init.body : undefined;
  }
  return undefined;
}

const reached = new Map<ts.Node, Set<DomainErrorKind>>();
type DomainErrorKind = keyof typeof statusOfDomainError;

/**
 * The kinds of DomainError the code may throw, following every function of
 * the server it calls or passes on (through ports, only as far as their
 * interfaces: adapters are not followed). Errs towards too many.
 */
function kindsIn(code: ts.Node, bindings: Bindings = none): Set<DomainErrorKind> {
  const known = bindings === none ? reached.get(code) : undefined;
  if (known) return known;
  const kinds = new Set<DomainErrorKind>();
  if (bindings === none) reached.set(code, kinds);
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'DomainError') {
      const kind = node.arguments?.[0];
      if (!kind || !ts.isStringLiteral(kind)) throw new Error(`A DomainError of unknown kind at ${where(node)}`);
      kinds.add(kind.text as DomainErrorKind);
    }
    if (ts.isIdentifier(node)) {
      const symbol = symbolOf(node);
      const bound = symbol && bindings.get(symbol);
      if (bound) for (const k of kindsIn(bound)) kinds.add(k);
      for (const declaration of symbol?.declarations ?? []) {
        const body = codeOf(declaration);
        if (body && !body.getSourceFile().isDeclarationFile) for (const k of kindsIn(body)) kinds.add(k);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(code);
  return kinds;
}

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(serverDir, file.fileName)}:${line + 1}`;
}

function stringOf(node: ts.Expression, bindings: Bindings): string | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isIdentifier(node)) {
    const bound = bindings.get(symbolOf(node)!);
    return bound && stringOf(bound, none);
  }
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const part = stringOf(span.expression, bindings);
      if (part === undefined) return undefined;
      text += part + span.literal.text;
    }
    return text;
  }
  return undefined;
}

/**
 * Each `route({...})` of the route files, with what its handler (and its
 * check before the body) may throw. A route made by a helper of the file is
 * found once per call of the helper, its parameters bound to the arguments.
 */
function routesInSource(): Map<string, { kinds: Set<DomainErrorKind>; at: string }> {
  const found = new Map<string, { kinds: Set<DomainErrorKind>; at: string }>();
  const add = (call: ts.CallExpression, bindings: Bindings) => {
    const spec = call.arguments[0];
    if (!spec || !ts.isObjectLiteralExpression(spec)) throw new Error(`route() without a literal at ${where(call)}`);
    const property = (name: string) =>
      spec.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name)
        ?.initializer;
    const operationId = stringOf(property('operationId')!, bindings);
    if (!operationId) throw new Error(`An operationId that is not known statically at ${where(call)}`);
    const kinds = new Set<DomainErrorKind>();
    for (const name of ['handler', 'authorizeFirst']) {
      const code = property(name);
      if (code) for (const k of kindsIn(code, bindings)) kinds.add(k);
    }
    found.set(operationId, { kinds, at: where(call) });
  };
  for (const file of program.getSourceFiles()) {
    if (!/\/http\/api\/\w+Routes\.ts$/.test(file.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'route') {
        // A route a helper of the file makes (a const arrow function): once per call of the helper.
        const helper = ts.findAncestor(node.parent, ts.isFunctionLike);
        const helperName =
          helper && ts.isArrowFunction(helper) && ts.isVariableDeclaration(helper.parent)
            ? helper.parent.name
            : undefined;
        if (helper && helperName) {
          const calls: ts.CallExpression[] = [];
          const findCalls = (n: ts.Node): void => {
            if (ts.isCallExpression(n) && symbolOf(n.expression) === symbolOf(helperName)) calls.push(n);
            ts.forEachChild(n, findCalls);
          };
          findCalls(file);
          for (const c of calls) {
            add(node, new Map(helper.parameters.map((p, i) => [symbolOf(p.name)!, c.arguments[i]!])));
          }
        } else add(node, none);
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

describe('the statuses of the routes', () => {
  const { operations } = documentOfRoutes();
  const inSource = routesInSource();

  it('finds every route of the document in the route files', () => {
    expect([...inSource.keys()].sort()).toEqual([...operations.keys()].sort());
  });

  it('documents every refusal a route’s command may throw', () => {
    const undocumented: Record<string, string[]> = {};
    for (const [operationId, { kinds, at }] of inSource) {
      const documented = Object.keys(operations.get(operationId)?.responses ?? {});
      const missing = [...kinds]
        .map((kind) => `${statusOfDomainError[kind][0]} (${kind})`)
        .filter((status) => !documented.includes(status.slice(0, 3)));
      if (missing.length > 0) undocumented[`${operationId} ${at}`] = [...new Set(missing)].sort();
    }
    expect(undocumented).toEqual({});
  });
});

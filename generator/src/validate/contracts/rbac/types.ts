// The shape of an RBAC contract: the API calls one component version makes on the cluster its
// service account talks to (the management cluster for our helpers), each with the upstream code
// that makes it and the condition under which it does.
import type { WiringContext } from '../../wiring.ts';
import type { IndexedDoc } from '../../types.ts';

export interface ApiCall {
  group: string;
  /** `resource` or `resource/subresource` */
  resource: string;
  verbs: readonly string[];
  /**
   * `namespace`: in the namespace the component works in (from its configuration);
   * `cluster`: a cluster-scoped resource, or every namespace.
   */
  scope: 'namespace' | 'cluster' | { namespace: string };
  /** the one object the call names, when it names one (matches RBAC resourceNames) */
  name?: string;
  /** the fact (see ComponentFacts.facts) that must be true for the component to make the call; absent: always */
  when?: string;
  /** upstream file (at the contract's ref) and function making the call */
  file: string;
  /** why it is made, for the message */
  why: string;
}

export interface ComponentFacts {
  /** namespace of `namespace`-scoped calls; undefined: every namespace (needs a cluster-wide grant) */
  namespace: string | undefined;
  /** where the namespace comes from, for messages */
  namespaceFrom: string;
  /** named conditions of calls; a missing fact is unknown and its calls are not judged */
  facts: Readonly<Record<string, boolean>>;
  /** why each true fact holds, for messages */
  because?: Readonly<Record<string, string>>;
}

export interface ContainerInput {
  ctx: WiringContext;
  doc: IndexedDoc;
  /** path of the pod spec in the object */
  base: string;
  podSpec: Record<string, unknown>;
  container: Record<string, unknown>;
  /** the arguments after the program (command tail + args) */
  argv: readonly string[];
  /** images of the other containers of the pod */
  siblings: readonly string[];
}

export interface RbacContract {
  component: string;
  /** image repository (any registry) */
  repository: string;
  /** which tags this contract describes */
  tags: { exact?: readonly string[]; from?: string; before?: string; format?: 'timestamp' };
  source: { repo: string; ref: string; rbac?: string };
  calls: readonly ApiCall[];
  /**
   * Reads the component's configuration (flags, config files in the input). `skip` when the
   * service account is not what it authenticates with, or the component does not run the code
   * that calls the API.
   */
  facts(input: ContainerInput): ComponentFacts | { skip: string };
  /** calls that depend on other objects of the input (e.g. the kinds of infrastructure templates) */
  extraCalls?(input: ContainerInput, facts: ComponentFacts): ApiCall[];
}

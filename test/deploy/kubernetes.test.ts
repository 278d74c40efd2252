/**
 * deploy/kubernetes/, checked offline: every document is valid against the Kubernetes API's own schemas
 * (kubernetes-models), and the rules that matter for this hub hold: probes, resources, non-root, configuration
 * names the services know, and each subgraph holding only its own gateway secret.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Deployment } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { configVariables, SUBGRAPH_NAMES, subgraphVariable, type ServiceName } from '../../lib/config';
import { heapLimitFlag } from '../../lib/service';
import { ROOT } from '../support/processes';

const DIR = join(ROOT, 'deploy', 'kubernetes');
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/Secret': Secret,
  'v1/ConfigMap': ConfigMap,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: any;
  stringData?: Record<string, string>;
}

const manifests: Manifest[] = readdirSync(DIR)
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      return { file, ...(doc.toJS() as Omit<Manifest, 'file'>) };
    }),
  );
const deployments = manifests.filter((m) => m.kind === 'Deployment');
const containerOf = (name: string) =>
  deployments.find((d) => d.metadata.name === name)!.spec.template.spec.containers[0];
const envOf = (
  name: string,
): { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] =>
  containerOf(name).env;

describe('the Kubernetes manifests', () => {
  it('are valid Kubernetes objects, each of a known kind', () => {
    expect(manifests.length).toBeGreaterThan(10);
    for (const manifest of manifests) {
      const { file, ...document } = manifest;
      const Model = MODELS[`${document.apiVersion}/${document.kind}`];
      expect({ file, kind: document.kind, known: Boolean(Model) }).toEqual({ file, kind: document.kind, known: true });
      expect(() => new Model(document).validate()).not.toThrow();
    }
  });

  it('deploy the gateway and every subgraph, each with a Service and a PodDisruptionBudget', () => {
    const services = ['gateway', ...SUBGRAPH_NAMES].sort();
    for (const kind of ['Deployment', 'Service', 'PodDisruptionBudget']) {
      expect({
        kind,
        names: manifests
          .filter((m) => m.kind === kind)
          .map((m) => m.metadata.name)
          .sort(),
      }).toEqual({ kind, names: services });
    }
    const autoscaler = manifests.find((m) => m.kind === 'HorizontalPodAutoscaler')!;
    expect(autoscaler.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect(containerOf('gateway').command).toEqual(['node', heapLimitFlag('gateway'), 'dist/gateway/main.js']);
    for (const name of SUBGRAPH_NAMES)
      expect(containerOf(name).command).toEqual(['node', heapLimitFlag(name), `dist/subgraphs/${name}/main.js`]);
  });

  it("bound each service's heap to at most half its container's memory limit (code, buffers and the rest need room)", () => {
    const mebibytes = (quantity: string) => {
      const [, amount, unit] = /^(\d+)(Mi|Gi)$/.exec(quantity)!;
      return Number(amount) * (unit === 'Gi' ? 1024 : 1);
    };
    for (const deployment of deployments) {
      const container = deployment.spec.template.spec.containers[0];
      const heap = Number(/^--max-old-space-size=(\d+)$/.exec(container.command[1])?.[1]);
      expect({
        name: deployment.metadata.name,
        heapAtMostHalf: heap > 0 && heap <= mebibytes(container.resources.limits.memory) / 2,
      }).toEqual({
        name: deployment.metadata.name,
        heapAtMostHalf: true,
      });
    }
  });

  it('probe /health for liveness and /ready for readiness, on the port the service listens on', () => {
    for (const deployment of deployments) {
      const container = deployment.spec.template.spec.containers[0];
      const name = deployment.metadata.name;
      const portVariable =
        name === 'gateway' ? 'PORT' : subgraphVariable(name as (typeof SUBGRAPH_NAMES)[number], 'PORT');
      const listens = Number(envOf(name).find((e) => e.name === portVariable)?.value);
      expect({
        name,
        liveness: container.livenessProbe?.httpGet?.path,
        readiness: container.readinessProbe?.httpGet?.path,
      }).toEqual({
        name,
        liveness: '/health',
        readiness: '/ready',
      });
      expect({
        name,
        port: container.ports.find((p: { name: string }) => p.name === container.readinessProbe.httpGet.port)
          ?.containerPort,
      }).toEqual({ name, port: listens });
    }
  });

  it('set resource requests and limits, and run as a non-root user without privilege escalation', () => {
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      const container = pod.containers[0];
      expect({
        name: deployment.metadata.name,
        requests: Object.keys(container.resources?.requests ?? {}).sort(),
        memoryLimit: Boolean(container.resources?.limits?.memory),
      }).toEqual({
        name: deployment.metadata.name,
        requests: ['cpu', 'memory'],
        memoryLimit: true,
      });
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    }
  });

  it('run in production mode with only variables lib/config.ts reads, each service only its own', () => {
    for (const deployment of deployments) {
      const known = new Set(configVariables(deployment.metadata.name as ServiceName));
      const env = envOf(deployment.metadata.name);
      expect(env.find((e) => e.name === 'NODE_ENV')?.value).toBe('production');
      expect({
        name: deployment.metadata.name,
        unknown: env.map((e) => e.name).filter((name) => !known.has(name)),
      }).toEqual({ name: deployment.metadata.name, unknown: [] });
    }
  });

  it("give each subgraph only its own gateway secret and the gateway all five, from the Secret's keys, never as plain values", () => {
    const secret = manifests.find((m) => m.kind === 'Secret')!;
    const gatewaySecrets = (name: string) =>
      envOf(name).filter((e) => e.name.endsWith('_GATEWAY_SECRET') || e.name === 'GATEWAY_SECRET');
    for (const name of SUBGRAPH_NAMES) {
      expect(gatewaySecrets(name)).toEqual([
        {
          name: subgraphVariable(name, 'GATEWAY_SECRET'),
          valueFrom: { secretKeyRef: { name: 'baeumteo', key: subgraphVariable(name, 'GATEWAY_SECRET') } },
        },
      ]);
    }
    expect(
      gatewaySecrets('gateway')
        .map((e) => e.valueFrom?.secretKeyRef?.key)
        .sort(),
    ).toEqual(SUBGRAPH_NAMES.map((name) => subgraphVariable(name, 'GATEWAY_SECRET')).sort());
    for (const deployment of deployments) {
      for (const e of envOf(deployment.metadata.name).filter((v) => /SECRET|DATABASE_URL|REDIS_URL/.test(v.name))) {
        expect({ variable: e.name, value: e.value, from: e.valueFrom?.secretKeyRef?.name }).toEqual({
          variable: e.name,
          value: undefined,
          from: 'baeumteo',
        });
        expect(Object.keys(secret.stringData!)).toContain(e.valueFrom!.secretKeyRef!.key);
      }
    }
  });

  it('ship the Secret only as a template that holds no real value, outside the kustomization', () => {
    const secret = manifests.find((m) => m.kind === 'Secret')!;
    for (const value of Object.values(secret.stringData!)) expect(value).toMatch(/<[^>]+>|USER:PASSWORD|:PASSWORD@/);
    const kustomization = readFileSync(join(DIR, 'kustomization.yaml'), 'utf8');
    expect(kustomization).not.toContain(`- ${secret.file}`);
    for (const file of new Set(
      manifests.filter((m) => m.kind !== 'Secret' && m.kind !== 'ConfigMap').map((m) => m.file),
    ))
      expect(kustomization).toContain(`- ${file}`);
  });
});

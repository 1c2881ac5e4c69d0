import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { servicesOf, summarizeServices } from '../../src/main/core/compose/compose-status';
import { composeErrorLines, notExported } from '../../src/main/core/compose/compose-cli';

function container(
  service: string,
  state: string,
  extra: Partial<Dockerode.ContainerInfo> = {},
): Dockerode.ContainerInfo {
  return {
    Id: `${service}-${state}-${Math.random().toString(36).slice(2, 8)}`,
    Names: [`/mist-a1_${service}_1`],
    Image: `mist-a1_${service}`,
    ImageID: 'sha256:0',
    Command: 'sh',
    Created: 0,
    Ports: [],
    Labels: { 'com.docker.compose.project': 'mist-a1', 'com.docker.compose.service': service },
    State: state,
    Status: state,
    HostConfig: { NetworkMode: 'default' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
    ...extra,
  } as Dockerode.ContainerInfo;
}

describe('compose status aggregation', () => {
  it('all services running → running, 2/2', () => {
    const result = summarizeServices(servicesOf([container('worker', 'running'), container('web', 'running')]));
    expect(result.status).toBe('running');
    expect(result.summary).toBe('2/2 running');
    expect(result.services.map((s) => s.service)).toEqual(['web', 'worker']);
  });

  it('some running → partial, 2/3', () => {
    const result = summarizeServices(
      servicesOf([container('web', 'running'), container('worker', 'exited'), container('db', 'running')]),
    );
    expect(result).toMatchObject({ status: 'partial', summary: '2/3 running' });
    expect(result.services.find((s) => s.service === 'worker')?.state).toBe('exited');
  });

  it('none running → stopped; no containers → stopped, 0/0', () => {
    expect(summarizeServices(servicesOf([container('web', 'exited'), container('worker', 'created')]))).toMatchObject({
      status: 'stopped',
      summary: '0/2 running',
    });
    expect(summarizeServices([])).toMatchObject({ status: 'stopped', summary: '0/0 running' });
  });

  it('a scaled service counts once, as running while any of its containers runs', () => {
    const running = container('web', 'running');
    const services = servicesOf([container('web', 'exited'), running, container('worker', 'running')]);
    expect(services).toHaveLength(2);
    expect(services[0]).toMatchObject({ service: 'web', state: 'running', containerId: running.Id });
    expect(summarizeServices(services).summary).toBe('2/2 running');
  });

  it('lists ports once per mapping (IPv4 form), published or not', () => {
    const [web] = servicesOf([
      container('web', 'running', {
        Ports: [
          { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
          { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
          { IP: '', PrivatePort: 9000, PublicPort: 0, Type: 'tcp' } as Dockerode.Port,
        ],
      }),
    ]);
    expect(web?.ports).toEqual(['0.0.0.0:8080->80/tcp', '9000/tcp']);
  });

  it('ignores containers without a service label', () => {
    expect(servicesOf([container('web', 'running', { Labels: {} })])).toEqual([]);
  });
});

describe('compose CLI helpers', () => {
  it("picks compose's own error lines", () => {
    const output = [
      'Building web',
      'Step 1/2 : FROM nothing:here',
      "ERROR: Service 'web' failed to build: pull access denied for nothing",
      '',
    ].join('\n');
    expect(composeErrorLines(output)).toBe("ERROR: Service 'web' failed to build: pull access denied for nothing");
    expect(composeErrorLines('a\nb\nc\nd\ne\nf\n')).toBe('b\nc\nd\ne\nf');
  });

  it('never exports variables that steer docker or compose themselves', () => {
    expect(
      notExported([
        { key: 'DOCKER_HOST' },
        { key: 'COMPOSE_FILE' },
        { key: 'PATH' },
        { key: 'GREETING' },
        { key: 'LD_PRELOAD' },
      ]),
    ).toEqual(['DOCKER_HOST', 'COMPOSE_FILE', 'PATH', 'LD_PRELOAD']);
  });
});

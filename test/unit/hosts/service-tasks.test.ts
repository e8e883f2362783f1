import { describe, expect, it } from 'vitest';
import {
  currentTask,
  serviceOf,
  swarmPorts,
  taskOf,
  taskOutcome,
} from '../../../electron/docker/service-tasks';
import type { ServiceTask } from '../../../electron/docker/service-types';

function task(overrides: Partial<ServiceTask>): ServiceTask {
  return {
    id: 't1',
    serviceId: 's1',
    nodeId: 'n1',
    state: 'pending',
    desiredState: 'running',
    error: '',
    containerId: null,
    ports: [],
    updatedAt: 1,
    ...overrides,
  };
}

describe('reading tasks from the engine', () => {
  it('takes the state, reason, container and published ports of a task', () => {
    const parsed = taskOf({
      ID: 't9',
      ServiceID: 's9',
      NodeID: 'n9',
      DesiredState: 'running',
      UpdatedAt: '2024-05-01T10:00:00Z',
      Status: {
        State: 'running',
        Err: '',
        ContainerStatus: { ContainerID: 'c9' },
        PortStatus: {
          Ports: [{ Protocol: 'tcp', TargetPort: 8080, PublishedPort: 31000, PublishMode: 'host' }],
        },
      },
    });

    expect(parsed).toEqual({
      id: 't9',
      serviceId: 's9',
      nodeId: 'n9',
      state: 'running',
      desiredState: 'running',
      error: '',
      containerId: 'c9',
      ports: [{ containerPort: 8080, protocol: 'tcp', hostIp: '', hostPort: 31000 }],
      updatedAt: Date.parse('2024-05-01T10:00:00Z'),
    });
  });

  it('survives odd shapes: no status, no ports, ports without a published port', () => {
    expect(taskOf(null)).toMatchObject({ id: '', state: '', containerId: null, ports: [] });
    expect(swarmPorts([{ TargetPort: 80 }, 'x', { Protocol: 'icmp', TargetPort: 1 }])).toEqual([]);
  });

  it('reads a service with the task that stands for it', () => {
    const service = serviceOf(
      {
        ID: 's1',
        Spec: {
          Name: 'berth-a',
          Labels: { 'berth.managed': 'true' },
          Mode: { Replicated: { Replicas: 1 } },
        },
        Endpoint: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 30080 }] },
      },
      [task({ id: 'old', state: 'running', serviceId: 'other' }), task({ state: 'running' })],
    );

    expect(service).toMatchObject({
      id: 's1',
      name: 'berth-a',
      replicas: 1,
      task: { id: 't1', state: 'running' },
      ports: [{ containerPort: 80, hostPort: 30080 }],
    });
  });
});

describe('which task stands for a service', () => {
  it('is the running one, else the newest that should run, else none', () => {
    const running = task({ id: 'r', state: 'running' });
    const newer = task({ id: 'n', state: 'pending', updatedAt: 9 });
    const shutDown = task({ id: 'x', state: 'shutdown', desiredState: 'shutdown', updatedAt: 99 });

    expect(currentTask([newer, running, shutDown])?.id).toBe('r');
    expect(currentTask([task({ id: 'o', updatedAt: 2 }), newer, shutDown])?.id).toBe('n');
    expect(currentTask([shutDown])).toBeNull();
  });
});

describe('what the tasks say about a starting service', () => {
  const none = new Set<string>();

  it('is running once a fresh task runs', () => {
    expect(taskOutcome([task({ state: 'running', containerId: 'c' })], none)).toMatchObject({
      kind: 'running',
      task: { containerId: 'c' },
    });
  });

  it('ignores the tasks that existed before the change', () => {
    const old = task({ id: 'old', state: 'running' });

    expect(taskOutcome([old], new Set(['old']))).toEqual({ kind: 'waiting' });
  });

  it('is failed when a task ended, with the swarm reason kept', () => {
    expect(
      taskOutcome([task({ state: 'failed', error: 'task: non-zero exit (1)' })], none),
    ).toEqual({ kind: 'failed', error: 'task: non-zero exit (1)' });
    expect(taskOutcome([task({ state: 'rejected' })], none)).toEqual({
      kind: 'failed',
      error: 'task rejected',
    });
  });

  it('tells a port another task holds from a swarm with no room', () => {
    expect(
      taskOutcome(
        [task({ error: 'no suitable node (host-mode port already in use on 1 node)' })],
        none,
      ).kind,
    ).toBe('port-in-use');
    expect(
      taskOutcome([task({ error: 'no suitable node (insufficient resources on 1 node)' })], none)
        .kind,
    ).toBe('unschedulable');
  });

  it('waits while the task it replaces still holds the port', () => {
    const stopping = task({ id: 'old', state: 'running', desiredState: 'shutdown' });
    const blocked = task({ id: 'new', error: 'no suitable node (host-mode port already in use)' });

    expect(taskOutcome([stopping, blocked], new Set(['old']))).toEqual({ kind: 'waiting' });
    expect(taskOutcome([{ ...stopping, state: 'shutdown' }, blocked], new Set(['old'])).kind).toBe(
      'port-in-use',
    );
  });

  it('waits while tasks are on their way', () => {
    expect(taskOutcome([task({ state: 'preparing' }), task({ state: 'new' })], none)).toEqual({
      kind: 'waiting',
    });
    expect(taskOutcome([], none)).toEqual({ kind: 'waiting' });
  });
});

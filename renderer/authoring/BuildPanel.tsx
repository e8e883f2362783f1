// Build a challenge folder: the form, the builds of this session, and the live log of one.
import type { ReactElement } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { BuildView, JobStatus } from '../../shared/authoring';
import { api } from '../api/client';
import { notifyError } from '../app/notices-store';
import { CheckboxField } from '../components/CheckboxField';
import { TextAreaField } from '../components/TextAreaField';
import { TextField } from '../components/TextField';
import { HostPicker } from '../hosts/HostPicker';
import { parseBuildArgs, useAuthoring } from './authoring-store';

const statusTone: Record<JobStatus, string> = {
  running: 'busy',
  succeeded: 'good',
  failed: 'bad',
  cancelled: 'warn',
};

/** A badge saying where a build or transfer stands. */
export function JobBadge({ status }: { status: JobStatus }): ReactElement {
  return <span className={`badge ${statusTone[status]}`}>{status}</span>;
}

/** The build form and the log of the chosen build. */
export function BuildPanel(): ReactElement {
  const [hostId, setHostId] = useState('');
  const [contextDir, setContextDir] = useState('');
  const [dockerfile, setDockerfile] = useState('Dockerfile');
  const [tag, setTag] = useState('');
  const [buildArgs, setBuildArgs] = useState('');
  const [target, setTarget] = useState('');
  const [noCache, setNoCache] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const builds = useAuthoring((state) => state.builds);
  const shownBuild = useAuthoring((state) => state.shownBuild);
  const showBuild = useAuthoring((state) => state.showBuild);
  const shown = shownBuild === null ? undefined : builds[shownBuild];
  const list = Object.values(builds).sort((a, b) => b.startedAt - a.startedAt);

  async function start(): Promise<void> {
    const args = parseBuildArgs(buildArgs);
    if (args.error !== null) {
      setErrors({ buildArgs: args.error });
      return;
    }
    setErrors({});
    try {
      const { buildId } = await api.call('images.build', {
        ...(hostId ? { hostId } : {}),
        contextDir: contextDir.trim(),
        dockerfile: dockerfile.trim() || 'Dockerfile',
        tag: tag.trim(),
        buildArgs: args.args,
        ...(target.trim() ? { target: target.trim() } : {}),
        noCache,
      });
      showBuild(buildId);
    } catch (error) {
      const info = notifyError('The build did not start', error);
      if (info.field) setErrors({ [info.field]: info.message });
    }
  }

  return (
    <div className="authoring-columns">
      <form
        className="panel stack"
        aria-label="Build an image"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <HostPicker value={hostId} onChange={setHostId} emptyLabel="Default host" />
        <TextField
          name="contextDir"
          label="Challenge folder"
          value={contextDir}
          onChange={setContextDir}
          error={errors.contextDir}
          hint="An absolute path on the machine Berth runs on; .dockerignore is honoured"
          placeholder="/home/author/challenges/web-hello"
          wide
        />
        <TextField
          name="dockerfile"
          label="Dockerfile"
          value={dockerfile}
          onChange={setDockerfile}
          error={errors.dockerfile}
        />
        <TextField
          name="tag"
          label="Tag"
          value={tag}
          onChange={setTag}
          error={errors.tag}
          placeholder="ctf/web-hello:1.0"
        />
        <TextAreaField
          name="buildArgs"
          label="Build arguments"
          value={buildArgs}
          onChange={setBuildArgs}
          error={errors.buildArgs}
          hint="One NAME=value a line"
          rows={3}
        />
        <TextField name="target" label="Stage (optional)" value={target} onChange={setTarget} />
        <CheckboxField
          name="noCache"
          label="Ignore the build cache"
          checked={noCache}
          onChange={setNoCache}
        />
        <div className="toolbar">
          <button type="submit" className="primary" data-testid="build-start">
            Build
          </button>
        </div>
        {list.length > 0 ? (
          <ul className="job-list" aria-label="Builds">
            {list.map((build) => (
              <li key={build.buildId}>
                <button
                  type="button"
                  className={build.buildId === shownBuild ? 'link-button current' : 'link-button'}
                  onClick={() => {
                    showBuild(build.buildId);
                  }}
                >
                  {build.tag}
                </button>{' '}
                <JobBadge status={build.status} />
              </li>
            ))}
          </ul>
        ) : null}
      </form>
      {shown ? <BuildLog build={shown} /> : <div className="state empty">No build yet.</div>}
    </div>
  );
}

function BuildLog({ build }: { build: BuildView }): ReactElement {
  const pane = useRef<HTMLPreElement>(null);
  const failedLine =
    build.failedStep === null
      ? null
      : `Step ${build.failedStep.index}/${build.failedStep.total} : ${build.failedStep.instruction}`;

  useEffect(() => {
    const element = pane.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [build.log.length]);

  return (
    <section
      className="panel stack build-log"
      aria-label={`Build of ${build.tag}`}
      data-testid="build-log"
    >
      <div className="toolbar">
        <strong>{build.tag}</strong>
        <JobBadge status={build.status} />
        {build.step && build.status === 'running' ? (
          <span className="muted">
            Step {build.step.index} of {build.step.total}
          </span>
        ) : null}
        {build.status === 'running' ? (
          <button
            type="button"
            onClick={() => {
              api.call('images.cancelBuild', { buildId: build.buildId }).catch((error: unknown) => {
                notifyError('Could not cancel the build', error);
              });
            }}
          >
            Cancel build
          </button>
        ) : null}
      </div>
      {build.error ? (
        <p className="build-error" role="alert">
          {build.error.message}
          {build.failure ? <code>{build.failure}</code> : null}
        </p>
      ) : null}
      {build.imageId ? <p className="muted">Image {build.imageId}</p> : null}
      <pre ref={pane} className="authoring-log" tabIndex={0}>
        {build.log.map((line, index) => (
          <span key={index} className={line === failedLine ? 'failed-step' : undefined}>
            {line}
            {'\n'}
          </span>
        ))}
      </pre>
    </section>
  );
}

/**
 * What the action tells the LocalStack it starts, derived once from the inputs and the step's environment
 * and passed on (to `docker run`, to readiness, to teardown and to post):
 * - SERVICES: the expanded list (composites resolved, dependencies added; see core/localstack/service-names.ts);
 * - EAGER_SERVICE_LOADING=1, so every service loads before the gateway listens (services/plugins.py
 *   eager_load_services, an on_infra_start hook) and its load time is setup, not the first test's time.
 *   A user who sets EAGER_SERVICE_LOADING in the step's environment keeps that value (config.py reads it
 *   with is_env_true: "1" or "true" in any case loads eagerly, anything else lazily);
 * - SHUTDOWN_TIMEOUT: how long bin/localstack-supervisor waits for the runtime after SIGTERM before it kills
 *   it (its default 5 s is also one Lambda container's stop time). We give 15 s (or the user's value), and
 *   `docker stop` a grace beyond that, so the engine never kills LocalStack in the middle of its shutdown;
 * - MAIN_CONTAINER_NAME: the prefix of the Lambda containers LocalStack starts (`<name>-lambda-…`,
 *   services/lambda_/invocation/docker_runtime_executor.py), which teardown removes.
 */
import { expandServices, type ExpandedServices } from '../../core/localstack/service-names.js'

const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 15
/** docker stop's grace beyond SHUTDOWN_TIMEOUT: the supervisor's own exit after it gave up on the runtime. */
const STOP_GRACE_MARGIN_SECONDS = 5

export interface LocalStackSettings {
  services: ExpandedServices
  /** Services load before the gateway listens, so ready means `running`. */
  eager: boolean
  /** EAGER_SERVICE_LOADING as passed to the container ('1' unless the user set it). */
  eagerValue: string
  shutdownTimeoutSeconds: number
  stopGraceSeconds: number
}

export function localStackSettings(
  requested: readonly string[],
  env: Record<string, string | undefined>
): LocalStackSettings {
  const eagerValue = env.EAGER_SERVICE_LOADING?.trim() || '1'
  const shutdown = /^[1-9]\d{0,3}$/.test(env.SHUTDOWN_TIMEOUT?.trim() ?? '')
    ? Number(env.SHUTDOWN_TIMEOUT)
    : DEFAULT_SHUTDOWN_TIMEOUT_SECONDS
  return {
    services: expandServices(requested),
    eager: ['1', 'true'].includes(eagerValue.toLowerCase()),
    eagerValue,
    shutdownTimeoutSeconds: shutdown,
    stopGraceSeconds: shutdown + STOP_GRACE_MARGIN_SECONDS
  }
}

/** The `-e` settings of `docker run` for the container `name`. */
export function containerEnv(settings: LocalStackSettings, name: string): Record<string, string> {
  return {
    ...(settings.services.services.length > 0 ? { SERVICES: settings.services.services.join(',') } : {}),
    EAGER_SERVICE_LOADING: settings.eagerValue,
    SHUTDOWN_TIMEOUT: String(settings.shutdownTimeoutSeconds),
    MAIN_CONTAINER_NAME: name
  }
}

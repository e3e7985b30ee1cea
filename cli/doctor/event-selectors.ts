/**
 * Whether a trail's event selectors record sign-ins: `ConsoleLogin` and the other sign-in events
 * are management events with `readOnly: false`, so a trail must record write management events
 * (ReadWriteType `All` or `WriteOnly`; an advanced selector on eventCategory `Management` that
 * does not keep read-only events alone), and must not exclude `signin.amazonaws.com`.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
 */
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from '@aws-sdk/client-cloudtrail';

const SIGN_IN_SOURCE = 'signin.amazonaws.com';

export function recordsSignIns(
  classic: readonly EventSelector[] | undefined,
  advanced: readonly AdvancedEventSelector[] | undefined,
): boolean {
  if (advanced && advanced.length > 0)
    return advanced.some((selector) => advancedRecords(selector.FieldSelectors ?? []));
  return (classic ?? []).some(
    (selector) =>
      selector.IncludeManagementEvents !== false &&
      selector.ReadWriteType !== 'ReadOnly' &&
      !(selector.ExcludeManagementEventSources ?? []).includes(SIGN_IN_SOURCE),
  );
}

function advancedRecords(fields: readonly AdvancedFieldSelector[]): boolean {
  const field = (name: string) => fields.find((selector) => selector.Field === name);
  const category = field('eventCategory');
  if (!category?.Equals?.includes('Management')) return false;
  const readOnly = field('readOnly');
  const writesKept = !readOnly || readOnly.Equals?.includes('false') || readOnly.NotEquals?.includes('true');
  const source = field('eventSource');
  const signInKept =
    !source ||
    (!(source.NotEquals ?? []).includes(SIGN_IN_SOURCE) &&
      (source.Equals === undefined || source.Equals.includes(SIGN_IN_SOURCE)));
  return Boolean(writesKept) && signInKept;
}

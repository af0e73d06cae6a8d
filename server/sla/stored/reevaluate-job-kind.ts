/** The job that re-evaluates a partnership's stored verdicts after a policy or priority-mapping change (ADR 022). */
export const REEVALUATE_JOB = 'sla.reevaluate'

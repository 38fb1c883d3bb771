/** 疑似重复: a pair is flagged by the detector, then confirmed or dismissed by the manager (项目撞车) or its board. */
export const DUPLICATE_STATUSES = ['flagged', 'confirmed', 'dismissed'] as const;
export const DUPLICATE_REASONS = ['credit_code', 'company_name', 'description'] as const;
/** Reasons that say "the same company": the ones that can hold a lead (a similar description alone does not). */
export const COMPANY_REASONS = ['credit_code', 'company_name'] as const;

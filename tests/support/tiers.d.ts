export type Tier = 'unit' | 'medium' | 'e2e' | 'fault' | 'browser';
export declare const TIERS: Tier[];
export declare const TEST_ROOTS: string[];
export declare function tierOf(file: string, source: string): Tier;
export declare function testFiles(root: string): string[];
export declare function filesOfTier(root: string, tier: string): string[];
export declare function configForTier<T extends object>(config: T, root: string, tier: string): T;

/**
 * Alibaba Cloud writes for applying fixes (issue 6): `callCloudAction` calls the fix's
 * OpenAPI action with a ClientToken; `previewCloudFix` shows the state it changes.
 */
import 'server-only';

export { callCloudAction, type AlicloudFix, type CloudActionCall, type CloudCallResult, type CloudWriteProduct } from './write-call';
export { applyWhitelistChange, previewCloudFix, type CloudFixPreview, type StaleState } from './write-preview';

import type { DeployNotificationSetting } from '../deploy-notification';

/** The app's own settings (`settings.get`, `settings.update`). */
export interface SettingsDto {
  notifications: DeployNotificationSetting;
  closeToTray: boolean;
}

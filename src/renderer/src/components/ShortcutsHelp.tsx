import { Fragment } from 'react';
import { shortcutGroups } from '../lib/shortcuts';
import { Dialog } from './Dialog';

/** The `?` overlay: every keyboard shortcut, grouped by where it works. Escape closes it. */
export function ShortcutsHelp({ mac, onClose }: { mac: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <div className="shortcuts-help" data-testid="shortcuts-help">
        {shortcutGroups(mac).map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3>{group.title}</h3>
            <dl className="shortcut-list">
              {group.entries.map((entry) => (
                <Fragment key={entry.description}>
                  <dt>
                    {entry.keys.map((combo, index) => (
                      <Fragment key={combo.join('+')}>
                        {index > 0 && <span className="muted"> or </span>}
                        {combo.map((key, k) => (
                          <Fragment key={key}>
                            {k > 0 && '+'}
                            <kbd>{key}</kbd>
                          </Fragment>
                        ))}
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{entry.description}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

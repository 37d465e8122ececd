import { View } from '@tarojs/components';
import type { DeskTicket } from '../../../../api/desk';
import { StatusTag } from '../../../../components/StatusTag';
import { fmt, getLang, tc } from '../../../../i18n/console';
import { ageText, countdown, URGENCY_LABEL } from '../desk';

interface DeskTableProps {
  items: DeskTicket[];
  now: number;
  /** Numbers changed a moment ago (live): highlighted briefly. */
  flashed: ReadonlySet<string>;
  onOpen: (number: string) => void;
}

/** One group's tickets; the offer column counts down, the age column says how long it has waited. */
export function DeskTable({ items, now, flashed, onOpen }: DeskTableProps) {
  const en = getLang() === 'en';
  return (
    <table className="c-table desk-table" id="desk-table">
      <thead>
        <tr>
          <th>{tc('colNumber')}</th>
          <th>{tc('colUrgency')}</th>
          <th>{tc('colStatus')}</th>
          <th>{tc('colAsset')}</th>
          <th>{tc('colDescription')}</th>
          <th>{tc('colEngineer')}</th>
          <th>{tc('colAge')}</th>
          <th>{tc('colOffer')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((t) => {
          const left = t.status === 'offered' ? countdown(t.offerExpiresAt, now) : null;
          return (
            <tr
              key={t.number}
              className={`desk-row${flashed.has(t.number) ? ' desk-row--flash' : ''}${t.urged ? ' desk-row--urged' : ''}`}
              data-number={t.number}
              data-status={t.status}
              data-urged={t.urged ? t.urged.count : 0}
              onClick={() => onOpen(t.number)}
            >
              <td>
                <a
                  className="c-link mono"
                  href="#"
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(t.number);
                  }}
                >
                  {t.number}
                </a>
              </td>
              <td>
                <span className={`badge urgency urgency--${t.urgency}`}>{tc(URGENCY_LABEL[t.urgency])}</span>
                {t.urged ? (
                  <span
                    className="badge badge--error desk-urged"
                    title={fmt(tc('urgedTitle'), { count: t.urged.count, ago: ageText(now - Date.parse(t.urged.lastAt), en) })}
                  >
                    {t.urged.count > 1 ? fmt(tc('urgedTimes'), { count: t.urged.count }) : tc('urgedOnce')}
                  </span>
                ) : null}
              </td>
              <td>
                <StatusTag status={t.status} />
              </td>
              <td>
                <View>{t.asset.name}</View>
                <View className="muted-c">
                  {t.asset.site}
                  {t.asset.location ? ` · ${t.asset.location}` : ''}
                </View>
              </td>
              <td className="desk-desc" title={t.description}>
                {t.description}
              </td>
              <td>{t.engineer?.name ?? '—'}</td>
              <td>{ageText(now - Date.parse(t.createdAt), en)}</td>
              <td className="desk-countdown" data-expires={t.offerExpiresAt ?? ''}>
                {t.status === 'offered' ? (left ?? <span className="badge badge--error">{tc('offerExpired')}</span>) : '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

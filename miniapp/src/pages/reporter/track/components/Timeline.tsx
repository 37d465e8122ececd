import { View, Text } from '@tarojs/components';
import { Step, Steps } from '@nutui/nutui-react-taro';
import type { TrackedTicket } from '../../../../api/tickets';
import { eventLabel } from '../../../../i18n/events';
import { useLang } from '../../../../i18n';
import { formatTime } from '../../../../lib/time';

/** Every status change, newest first. */
export function Timeline({ events }: { events: TrackedTicket['events'] }) {
  const lang = useLang();
  const newestFirst = [...events].reverse();
  return (
    <View id="timeline" className="timeline">
      <Steps direction="vertical" value={1}>
        {newestFirst.map((event, i) => (
          <Step
            key={`${event.type}-${event.at}-${i}`}
            value={i + 1}
            title={eventLabel(event.type, lang)}
            description={
              <View className="timeline__desc">
                <Text className="muted">{formatTime(event.at)}</Text>
                {event.note ? <Text className="timeline__note">{event.note}</Text> : null}
              </View>
            }
          />
        ))}
      </Steps>
    </View>
  );
}

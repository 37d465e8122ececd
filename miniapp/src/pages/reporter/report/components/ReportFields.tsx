import type { ReactNode } from 'react';
import { Button as TaroButton, Text } from '@tarojs/components';
import { Cell, CellGroup, Input, TextArea } from '@nutui/nutui-react-taro';
import { PhotoPicker } from '../../../../components/PhotoPicker';
import { t } from '../../../../i18n';
import type { ReportDraft } from '../../../../lib/draft';
import type { FieldErrors } from '../validate';
import { UrgencyPicker } from './UrgencyPicker';

interface ReportFieldsProps {
  draft: ReportDraft;
  errors: FieldErrors;
  onChange: (change: Partial<ReportDraft>) => void;
  onPendingPhotos: (pending: number) => void;
  /** In WeChat: the phone-number button's one-time code, for the page to exchange for the verified number. */
  onWechatPhone?: (code: string) => void;
  /** Shown right under the description (the knowledge-base suggestions). */
  belowDescription?: ReactNode;
}

const isWeapp = process.env.TARO_ENV === 'weapp';

function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <Cell>
      <Text className="form-error" id={id}>
        {text}
      </Text>
    </Cell>
  ) : null;
}

/** The request form's inputs; the page owns the draft and the submit. */
export function ReportFields({ draft, errors, onChange, onPendingPhotos, onWechatPhone, belowDescription }: ReportFieldsProps) {
  return (
    <>
      <CellGroup title={t('description')}>
        <Cell>
          <TextArea
            id="description"
            value={draft.description}
            onChange={(description) => onChange({ description })}
            placeholder={t('descriptionPlaceholder')}
            maxLength={2000}
            showCount
            autoSize
          />
        </Cell>
        <FieldError id="description-error" text={errors.description} />
      </CellGroup>
      {belowDescription}
      <CellGroup title={`${t('photos')}（${t('photosHint')}）`}>
        <Cell>
          <PhotoPicker
            idPrefix="photos"
            value={draft.photos}
            onChange={(photos) => onChange({ photos })}
            onPendingChange={onPendingPhotos}
          />
        </Cell>
        <FieldError id="photos-error" text={errors.photos} />
      </CellGroup>
      <CellGroup title={t('contactPhone')}>
        <Cell>
          <Input
            id="contact-phone"
            type="tel"
            value={draft.contactPhone}
            onChange={(contactPhone) => onChange({ contactPhone })}
            placeholder={t('phonePlaceholder')}
            maxLength={20}
          />
        </Cell>
        <FieldError id="contact-phone-error" text={errors.contactPhone} />
        {isWeapp && onWechatPhone ? (
          <Cell>
            <TaroButton
              id="wechat-phone"
              size="mini"
              openType="getPhoneNumber"
              onGetPhoneNumber={(e) => e.detail.code && onWechatPhone(e.detail.code)}
            >
              {t('useWechatPhone')}
            </TaroButton>
          </Cell>
        ) : null}
        <Cell title={t('contactName')}>
          <Input
            id="contact-name"
            value={draft.contactName}
            onChange={(contactName) => onChange({ contactName })}
            placeholder={t('namePlaceholder')}
            maxLength={50}
          />
        </Cell>
      </CellGroup>
      <CellGroup title={t('problemCategory')}>
        <Cell>
          <Input id="category" value={draft.category} onChange={(category) => onChange({ category })} maxLength={50} />
        </Cell>
        <FieldError id="category-error" text={errors.category} />
        <Cell title={t('urgency')}>
          <UrgencyPicker value={draft.urgency} onChange={(urgency) => onChange({ urgency })} />
        </Cell>
      </CellGroup>
    </>
  );
}

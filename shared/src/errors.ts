/** Error codes shared by the server and the mini-program; each has an HTTP status and zh-CN / en text. */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误，请检查后重试', en: 'Some fields are invalid' },
  MALFORMED_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, zh: '缺少请求幂等键（Idempotency-Key）', en: 'The Idempotency-Key header is required' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '只支持 JPEG、PNG、WebP 图片', en: 'Only JPEG, PNG and WebP images are accepted' },
  UPLOAD_REQUIRED: { status: 400, zh: '请选择要上传的图片', en: 'Choose an image to upload' },
  UPLOAD_TOO_LARGE: { status: 413, zh: '图片太大，请压缩后重试', en: 'The image is too large; compress it and try again' },
  TOO_MANY_FILES: { status: 400, zh: '一次只能上传一张图片', en: 'Upload one image at a time' },
  PHOTO_NOT_FOUND: { status: 400, zh: '照片不存在或已被使用，请重新上传', en: 'A photo was not found or is already used; upload it again' },
  PAGE_TOO_DEEP: {
    status: 400,
    zh: '页码太靠后，无法直接跳转：请缩小筛选条件（状态、站点、日期），或用上一页返回的 nextCursor 继续往后翻',
    en: 'This page is too deep to open by number; narrow the filters (status, site, dates) or continue from the previous page with its nextCursor',
  },
  BODY_TOO_LARGE: { status: 413, zh: '提交的内容太大', en: 'The request is too large' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  INVALID_CREDENTIALS: { status: 401, zh: '企业、账号或密码不正确', en: 'Company, username or password is incorrect' },
  TOKEN_INVALID: { status: 401, zh: '登录已失效，请重新登录', en: 'Your session has expired; sign in again' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '请求的地址不存在', en: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该请求方法', en: 'This method is not allowed here' },
  ASSET_NOT_FOUND: { status: 404, zh: '找不到该设备', en: 'Asset not found' },
  SITE_NOT_FOUND: { status: 404, zh: '找不到该站点', en: 'Site not found' },
  TICKET_NOT_FOUND: { status: 404, zh: '找不到该报修单', en: 'Repair request not found' },
  JOB_NOT_FOUND: { status: 404, zh: '找不到该工单', en: 'Job not found' },
  ENGINEER_NOT_FOUND: { status: 404, zh: '找不到该工程师', en: 'Engineer not found' },
  UPLOAD_NOT_FOUND: { status: 404, zh: '找不到该图片', en: 'Image not found' },
  KB_ARTICLE_NOT_FOUND: { status: 404, zh: '找不到该知识库文章', en: 'Knowledge base article not found' },
  KB_NOTHING_TO_DRAFT: {
    status: 409,
    zh: '该工单还没有处理记录，无法生成知识库草稿',
    en: 'This ticket has no resolution notes to turn into an article yet',
  },
  OFFER_TAKEN: { status: 409, zh: '该工单已被其他同事接单', en: 'A colleague has already taken this job' },
  ENGINEER_OFF_DUTY: {
    status: 409,
    zh: '您当前不在班（排班之外或休假），不能抢单',
    en: 'You are off duty (outside your shifts or on leave) and cannot claim this job',
  },
  OFFER_EXPIRED: { status: 409, zh: '该派单已超时，已转给其他同事或调度员', en: 'This offer has expired and was passed on' },
  ILLEGAL_TRANSITION: { status: 409, zh: '工单当前状态不允许此操作', en: 'This action is not allowed in the job’s current status' },
  CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'Someone else changed this; refresh and try again' },
  DISPATCH_MODE_MANUAL: {
    status: 409,
    zh: '本企业为手动派单，无法退回自动派单',
    en: 'This company dispatches by hand: there is no automatic dispatch to send the ticket back to',
  },
  EXPORT_TOO_LARGE: { status: 400, zh: '导出行数过多，请缩小筛选范围', en: 'Too many rows to export; narrow the filters' },
  USERNAME_TAKEN: { status: 409, zh: '该账号已被占用，请换一个', en: 'This username is already taken; choose another' },
  CANNOT_DISABLE_SELF: { status: 422, zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
  CANNOT_CHANGE_OWN_ROLE: { status: 422, zh: '不能修改自己的角色', en: 'You cannot change your own role' },
  ASSET_CODE_TAKEN: { status: 409, zh: '该设备编码已存在', en: 'This asset code is already in use' },
  ALREADY_RATED: { status: 409, zh: '该报修单已评价过', en: 'This request has already been rated' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '同一幂等键不能用于不同的报修内容',
    en: 'This Idempotency-Key was used for a different request',
  },
  SITE_IN_USE: { status: 422, zh: '站点下仍有设备，不能删除', en: 'The site still has assets and cannot be deleted' },
  ASSET_HAS_OPEN_TICKETS: {
    status: 422,
    zh: '设备还有未完成的报修单，不能删除',
    en: 'The asset has open repair requests and cannot be deleted',
  },
  ENGINEER_HAS_OPEN_JOBS: { status: 422, zh: '工程师还有未完成的工单，不能删除', en: 'The engineer has open jobs and cannot be removed' },
  NOT_AN_ENGINEER: { status: 422, zh: '该用户不是工程师', en: 'This user is not an engineer' },
  IMPORT_UNSUPPORTED_FILE: { status: 415, zh: '只支持 CSV 或 Excel（.xlsx）文件', en: 'Only CSV and Excel (.xlsx) files can be imported' },
  IMPORT_EMPTY: { status: 400, zh: '文件里没有可导入的数据', en: 'The file has no rows to import' },
  IMPORT_BAD_HEADERS: {
    status: 400,
    zh: '表头不正确：缺少必填列或有重复列',
    en: 'The header row is wrong: a required column is missing or a column is repeated',
  },
  IMPORT_TOO_LARGE: { status: 413, zh: '文件太大，请分批导入', en: 'The file is too large; import it in smaller parts' },
  IMPORT_MALFORMED: { status: 400, zh: '文件内容格式有误，无法读取', en: 'The file is damaged or not well-formed' },
  IMPORT_NOTHING_VALID: { status: 422, zh: '没有可导入的有效行，请先修正错误', en: 'No row is valid; fix the errors first' },
  NOTHING_TO_PRINT: { status: 422, zh: '没有可打印标签的设备', en: 'There are no assets to print labels for' },
  WECHAT_CODE_INVALID: {
    status: 401,
    zh: '微信登录凭证无效或已过期，请重试',
    en: 'The WeChat sign-in code is invalid or expired; try again',
  },
  WECHAT_NOT_BOUND: {
    status: 401,
    zh: '该微信尚未绑定员工账号，请扫描管理员生成的绑定二维码',
    en: 'This WeChat is not linked to a staff account; scan the invite QR from your admin',
  },
  WECHAT_ALREADY_BOUND: { status: 409, zh: '该微信已绑定其他员工账号', en: 'This WeChat is already linked to another staff account' },
  WECHAT_NOT_SUBSCRIBED: { status: 422, zh: '用户未订阅该消息', en: 'The user has not subscribed to this message' },
  WECHAT_RATE_LIMITED: { status: 429, zh: '微信接口调用太频繁，请稍后再试', en: 'WeChat is rate limiting us; try again shortly' },
  WECHAT_ERROR: { status: 502, zh: '微信接口返回错误，请稍后再试', en: 'WeChat answered with an error; try again later' },
  WECHAT_UNAVAILABLE: { status: 503, zh: '微信服务暂不可用，请稍后再试', en: 'WeChat is unavailable right now; try again later' },
  WECHAT_NOT_CONFIGURED: { status: 503, zh: '尚未配置微信小程序', en: 'WeChat is not configured for this server' },
  INVITE_NOT_FOUND: { status: 404, zh: '绑定二维码无效', en: 'This invite QR code is not valid' },
  INVITE_EXPIRED: {
    status: 422,
    zh: '绑定二维码已过期，请联系管理员重新生成',
    en: 'This invite has expired; ask your admin for a new one',
  },
  INVITE_USED: {
    status: 409,
    zh: '绑定二维码已被使用，请联系管理员重新生成',
    en: 'This invite has already been used; ask your admin for a new one',
  },
  STAFF_NOT_FOUND: { status: 404, zh: '找不到该员工', en: 'Staff member not found' },
  HOLIDAY_YEAR_MISSING: {
    status: 422,
    zh: '缺少该年度的法定节假日数据，无法计算工作时间：请更新节假日数据（每年 11 月国务院公布次年安排后）',
    en: 'There is no statutory holiday data for this year, so business time cannot be computed; update the holiday data (published each November)',
  },
  PM_RRULE_INVALID: { status: 400, zh: '重复规则（RRULE）无效，请检查后重试', en: 'The recurrence rule (RRULE) is not valid' },
  PM_RANGE_TOO_WIDE: { status: 400, zh: '查询的日期范围过大（最多 400 天）', en: 'The date range is too wide (at most 400 days)' },
  PM_PLAN_NOT_FOUND: { status: 404, zh: '找不到该保养计划', en: 'Maintenance plan not found' },
  PM_CHECKLIST_INVALID: {
    status: 422,
    zh: '检查表填写有误：必填项未填、数值超出范围或答案与类型不符（见 details.items）',
    en: 'The checklist is not filled in correctly: a required item is missing, a reading is out of range or an answer has the wrong kind (see details.items)',
  },
  CALENDAR_NO_WORKING_TIME: { status: 422, zh: '工作日历中没有工作时间', en: 'The business calendar has no working time' },
  CALENDAR_RANGE_TOO_WIDE: {
    status: 422,
    zh: '时间跨度超出工作日历的计算范围',
    en: 'The time span is beyond what the business calendar computes',
  },
  PLAN_NOT_FOUND: { status: 404, zh: '找不到该套餐（或未发布）', en: 'This plan does not exist or is not published' },
  PLAN_NOT_DRAFT: { status: 409, zh: '只有草稿状态的套餐版本可以发布', en: 'Only a draft plan version can be published' },
  SUBSCRIPTION_NOT_FOUND: { status: 404, zh: '该企业还没有订阅套餐', en: 'This company has no subscription' },
  SEAT_LIMIT: {
    status: 422,
    zh: '员工席位已用完：请在“账单”页增加席位或升级套餐后再添加员工',
    en: 'All purchased staff seats are in use; add seats or upgrade on the Billing page, then add the staff member',
  },
  API_KEY_NOT_FOUND: { status: 404, zh: '找不到该 API 密钥', en: 'API key not found' },
  API_KEY_LIMIT: {
    status: 422,
    zh: 'API 密钥已达上限（20 个），请先吊销不用的密钥',
    en: 'At most 20 active API keys; revoke one you no longer use first',
  },
  MODULE_NOT_IN_PLAN: {
    status: 403,
    zh: '当前套餐不包含此功能模块，请在“账单”页升级套餐',
    en: 'Your plan does not include this module; upgrade on the Billing page',
  },
  TENANT_SLUG_TAKEN: { status: 409, zh: '该企业代码已被使用', en: 'This company code is already taken' },
  OPERATOR_ONLY: { status: 403, zh: '只有平台运营方可以使用自定义套餐报价', en: 'Only the operator may quote an inline plan document' },
  INVOICE_NOT_FOUND: { status: 404, zh: '找不到该账单', en: 'Invoice not found' },
  INVOICE_NOT_OPEN: { status: 409, zh: '该账单已支付或已作废', en: 'This invoice is already paid or void' },
  URGE_TOO_SOON: {
    status: 429,
    zh: '已经催过单了，30 分钟内只能催一次，请稍后再试',
    en: 'You already urged this request; once every 30 minutes',
  },
  TICKET_NOT_URGEABLE: { status: 409, zh: '该报修已结束，无需催单', en: 'This request is finished; there is nothing to urge' },
  RATE_LIMITED: { status: 429, zh: '操作太频繁，请稍后再试', en: 'Too many requests; try again shortly' },
  LOGIN_LOCKED: { status: 429, zh: '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins; wait a while and try again' },
  LOGIN_BUSY: { status: 429, zh: '登录请求太多，请稍后再试', en: 'Too many sign-ins at once; try again in a moment' },
  WECHAT_CODE_USED: { status: 401, zh: '微信登录凭证已使用，请重新登录', en: 'This WeChat sign-in was already used; please sign in again' },
  WECHAT_USER_BLOCKED: {
    status: 403,
    zh: '微信判定该账号存在风险，暂时无法登录，请联系管理员',
    en: 'WeChat has flagged this account as risky; it cannot sign in for now, ask your admin',
  },
  CATEGORY_NOT_ALLOWED: {
    status: 400,
    zh: '报修类别不是本单位的设备类别，请留空或使用设备的类别',
    en: 'This category is not one of this company’s; leave it empty or use the asset’s category',
  },
  CONTRACT_NOT_FOUND: { status: 404, zh: '找不到该维保合同', en: 'Service contract not found' },
  CONTRACT_NUMBER_TAKEN: { status: 409, zh: '该合同编号已存在', en: 'This contract number is already in use' },
  QUOTE_NOT_FOUND: { status: 404, zh: '该报修单还没有报价', en: 'This request has no quote' },
  QUOTE_OUTDATED: {
    status: 409,
    zh: '报价已更新或已答复，请刷新后查看最新报价',
    en: 'This quote was revised or already answered; refresh to see the latest',
  },
  QUOTE_REQUIRED: {
    status: 422,
    zh: '收费维修需客户先确认报价，才能完工',
    en: 'A chargeable repair needs a quote the customer accepted before it is resolved',
  },
  SIGNATURE_REQUIRED: { status: 422, zh: '收费维修完工需客户签名', en: "Chargeable work needs the customer's signature to be resolved" },
  QUOTE_NOT_REFUSED: {
    status: 409,
    zh: '客户未拒绝最新报价，不能以“客户拒绝报价”取消',
    en: 'The latest quote was not refused; the ticket cannot be cancelled as "quote refused"',
  },
  QUOTE_NOT_NEEDED: {
    status: 409,
    zh: '该报修在保修或维保合同内，无需报价',
    en: 'This repair is covered by warranty or a service contract; no quote is needed',
  },
  PART_NOT_FOUND: { status: 404, zh: '找不到该配件', en: 'Part not found' },
  LOCATION_NOT_FOUND: { status: 404, zh: '找不到该库位', en: 'Stock location not found' },
  PART_SKU_TAKEN: { status: 409, zh: '该配件编号（SKU）已存在', en: 'This part number (SKU) is already in use' },
  PARTS_UNKNOWN: { status: 422, zh: '所用配件不在本单位的配件目录中', en: 'A part used is not in this company’s parts catalogue' },
  OUT_OF_STOCK: { status: 409, zh: '库存不足，无法出库', en: 'Not enough stock at this location' },
  STOCK_LIMIT: { status: 422, zh: '库存数量超出上限', en: 'The stock quantity would exceed the limit' },
  MALFORMED_URL: { status: 400, zh: '请求地址格式有误', en: 'The request URL is malformed' },
  NOT_IMPLEMENTED: { status: 501, zh: '不支持该请求方法', en: 'This method is not supported' },
  INTERNAL: { status: 500, zh: '服务器出错了，请稍后再试', en: 'Something went wrong on our side; try again later' },
  NOT_READY: { status: 503, zh: '服务暂不可用，请稍后再试', en: 'The service is temporarily unavailable' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Lang = 'zh-CN' | 'en';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  const entry = ERRORS[code];
  return lang === 'en' ? entry.en : entry.zh;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}

/** Picks the language from an Accept-Language header: English when it is preferred, zh-CN otherwise. */
export function pickLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

import Taro from '@tarojs/taro';
import { UploadResponseSchema, type UploadResponse } from '@baoxiu/shared';
import { apiUrl, baseHeaders } from './request';
import { badResponse, networkError, parseBody, toApiError } from './errors';

export type UploadedPhoto = UploadResponse['upload'];

/** POST /api/public/uploads (multipart field `file`); reports progress 0–100 while sending. */
export async function uploadPhoto(filePath: string, onProgress: (percent: number) => void): Promise<UploadedPhoto> {
  let result: Taro.uploadFile.SuccessCallbackResult;
  try {
    const task = Taro.uploadFile({ url: apiUrl('/api/public/uploads'), filePath, name: 'file', header: baseHeaders(false) });
    task.onProgressUpdate((res) => onProgress(res.progress));
    result = await task;
  } catch {
    throw networkError();
  }
  const body = parseBody(result.data);
  if (result.statusCode < 200 || result.statusCode >= 300) throw toApiError(result.statusCode, body);
  const parsed = UploadResponseSchema.safeParse(body);
  if (!parsed.success) throw badResponse(result.statusCode);
  return parsed.data.upload;
}

import { useSyncExternalStore } from 'react';
import Taro from '@tarojs/taro';

/** An asset picked in the console's list for a label sheet. */
export interface SelectedAsset {
  id: number;
  code: string;
  name: string;
}

const KEY = 'bx.console.selection';
const listeners = new Set<() => void>();
let current: SelectedAsset[] = read();

function read(): SelectedAsset[] {
  try {
    const stored: unknown = Taro.getStorageSync(KEY);
    return Array.isArray(stored) ? (stored as SelectedAsset[]) : [];
  } catch {
    return [];
  }
}

function write(next: SelectedAsset[]): void {
  current = next;
  // Kept in storage so a selection spanning pages and filters survives a reload of the console.
  Taro.setStorageSync(KEY, next);
  listeners.forEach((notify) => notify());
}

export function getSelection(): SelectedAsset[] {
  return current;
}

export function selectAssets(assets: SelectedAsset[]): void {
  const known = new Set(current.map((a) => a.code));
  write([...current, ...assets.filter((a) => !known.has(a.code))]);
}

export function unselectAssets(codes: string[]): void {
  const drop = new Set(codes);
  write(current.filter((a) => !drop.has(a.code)));
}

export function clearSelection(): void {
  write([]);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The selection, re-rendering the caller on every change (list and labels page are separate React roots). */
export function useSelection(): SelectedAsset[] {
  return useSyncExternalStore(subscribe, getSelection, getSelection);
}

// The WeChat login state (QR code to scan, who is logged in), kept for the terminal and the admin dashboard.

export type WechatLoginStatus = "off" | "starting" | "scan" | "logged-in" | "logged-out" | "failed";

export interface WechatLoginState {
  status: WechatLoginStatus;
  /** The raw login QR content while status is "scan". */
  qrcode?: string;
  /** The same QR as a PNG data: URL, so a page can show it without any outside service. */
  qrDataUrl?: string;
  /** The logged-in account's display name. */
  user?: string;
  /** Why starting failed (never contains the puppet token). */
  error?: string;
  updatedAt: string;
}

let state: WechatLoginState = { status: "off", updatedAt: new Date(0).toISOString() };

/** Latest WeChat login state; the admin dashboard polls this. */
export function getWechatLoginState(): WechatLoginState {
  return { ...state };
}

export function setWechatLoginState(next: Omit<WechatLoginState, "updatedAt">, now: Date = new Date()): void {
  state = { ...next, updatedAt: now.toISOString() };
}

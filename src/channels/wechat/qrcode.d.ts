// The two functions of the qrcode package the WeChat login uses (the package ships no types).
declare module "qrcode" {
  interface ToStringOptions {
    type?: "terminal" | "utf8" | "svg";
    small?: boolean;
  }
  const QRCode: {
    toString(text: string, options?: ToStringOptions): Promise<string>;
    toDataURL(text: string): Promise<string>;
  };
  export default QRCode;
}

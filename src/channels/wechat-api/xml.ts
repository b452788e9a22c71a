// The flat XML WeChat and WeCom speak (<xml><Field>value</Field>…</xml>), read and written with fast-xml-parser.
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "../../core/errors.ts";

/** The body was not the XML WeChat sends; `message` says what was wrong, in Chinese for the error response. */
export class XmlBodyError extends AppError {
  constructor(message: string) {
    super("BAD_XML", message, { status: 400 });
  }
}

const parser = new XMLParser({
  // MsgId is a 64-bit integer: read as a number it would lose its last digits, and two messages could collide.
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  trimValues: true,
  // WeChat wraps text in CDATA and declares no entities; expanding none keeps a hostile DOCTYPE harmless.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const builder = new XMLBuilder({ cdataPropName: "__cdata", suppressEmptyNode: false });

/** The fields directly under <xml>, all as strings; nested elements (ScanCodeInfo …) are left out. */
export function parseXmlFields(body: string): Record<string, string> {
  if (!body.trim()) throw new XmlBodyError("请求体是空的，应为微信推送的 XML");
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new XmlBodyError(`XML 格式错误（第 ${valid.err.line} 行）：${valid.err.msg}`);
  const root = (parser.parse(body) as Record<string, unknown>).xml;
  if (!root || typeof root !== "object" || Array.isArray(root)) throw new XmlBodyError("XML 的根元素应为 <xml>");
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root as Record<string, unknown>)) {
    if (typeof value === "string") fields[name] = value;
  }
  return fields;
}

/** <xml> with each field: strings in CDATA (the builder splits a "]]>" inside), numbers bare. */
export function buildXml(fields: Record<string, string | number>): string {
  const xml: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) xml[name] = typeof value === "number" ? value : { __cdata: value };
  return builder.build({ xml }) as string;
}

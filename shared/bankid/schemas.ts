// The answers of BankID's RP API v6.0 (/sign, /collect, /cancel and errors),
// checked on arrival: a field we rely on that is missing or of the wrong type
// is a broken answer, not something to guess around. Unknown fields are
// dropped and unknown hint codes kept as strings (BankID adds them).
import * as z from 'zod';

export const OrderResponse = z.object({
  orderRef: z.string().min(1),
  autoStartToken: z.string().min(1),
  qrStartToken: z.string().min(1),
  qrStartSecret: z.string().min(1),
});
export type OrderResponse = z.infer<typeof OrderResponse>;

export const CompletionData = z.object({
  user: z.object({
    personalNumber: z.string(),
    name: z.string(),
    givenName: z.string(),
    surname: z.string(),
  }),
  device: z.object({
    ipAddress: z.string(),
    uhi: z.string().optional(),
  }),
  /** YYYY-MM-DD. */
  bankIdIssueDate: z.string(),
  stepUp: z.object({ mrtd: z.boolean() }).optional(),
  /** Base64 of the XML signature (XML-DSig over bankIdSignedData). */
  signature: z.string().min(1),
  /** Base64 of the OCSP response for the signer's certificate. */
  ocspResponse: z.string().min(1),
  risk: z.string().optional(),
});
export type CompletionData = z.infer<typeof CompletionData>;

export const CollectResponse = z.discriminatedUnion('status', [
  z.object({ orderRef: z.string(), status: z.literal('pending'), hintCode: z.string() }),
  z.object({ orderRef: z.string(), status: z.literal('failed'), hintCode: z.string() }),
  z.object({ orderRef: z.string(), status: z.literal('complete'), completionData: CompletionData }),
]);
export type CollectResponse = z.infer<typeof CollectResponse>;

export const ErrorResponse = z.object({ errorCode: z.string(), details: z.string().default('') });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** The body of POST /sign as BankID takes it (base64 already applied). */
export interface SignRequestBody {
  endUserIp: string;
  userVisibleData: string;
  userVisibleDataFormat?: 'simpleMarkdownV1';
  userNonVisibleData?: string;
  requirement?: { pinCode?: boolean; personalNumber?: string; mrtd?: boolean; certificatePolicies?: string[] };
  returnUrl?: string;
  returnRisk?: boolean;
}

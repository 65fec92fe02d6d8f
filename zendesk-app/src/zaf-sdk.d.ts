/** The parts of the ZAF SDK (CommonJS, no types of its own) the sidebar uses. */
declare module "zendesk_app_framework_sdk" {
  export interface ZafRequestOptions {
    url: string;
    type?: string;
    headers?: Record<string, string>;
    data?: string;
    contentType?: string;
    dataType?: string;
    secure?: boolean;
    cors?: boolean;
    autoRetry?: boolean;
    jwt?: { algorithm: string; secret_key: string; expiry?: number; claims?: Record<string, unknown> };
  }

  export interface ZafMetadata {
    appId?: number;
    installationId?: number;
    settings?: Record<string, unknown>;
  }

  export interface ZafContext {
    product?: string;
    location?: string;
    ticketId?: number;
    account?: { subdomain?: string };
  }

  export interface ZafClient {
    get(paths: string | string[]): Promise<Record<string, unknown> & { errors?: Record<string, unknown> }>;
    invoke(name: string, ...args: unknown[]): Promise<unknown>;
    request(options: ZafRequestOptions): Promise<unknown>;
    metadata(): Promise<ZafMetadata>;
    context(): Promise<ZafContext>;
  }

  const ZAFClient: { init(callback?: (context: ZafContext) => void): ZafClient | false };
  export default ZAFClient;
}

export { createTrytonErpConnector, type TrytonConnectorConfig } from "./connector";
export { createTrytonRpc, type TrytonConfig, type TrytonRpc } from "./rpc";

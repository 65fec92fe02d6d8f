/** @jsxImportSource preact */
/**
 * The order-details block: the order's ERP number, status and allocation, its parcels with
 * tracking, where its sync stands, and "Retry sync" while it is in exception. Data comes from
 * the app backend (app/routes/api.orders.$orderId.erp-status); the layout is all that lives here.
 */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { adminApi, t } from "./admin-api";
import type {} from "./elements";
import { fetchErpStatus, retrySync } from "./backend";
import { blockView, orderIdFromGid, type BlockView, type OrderErpStatusAnswer, type ParcelLine, type Words } from "./status-view";

export default async () => {
  render(<ErpOrderStatusBlock />, document.body);
};

const say = (words: Words) => t(words.key, words.values);

type Load = { state: "loading" } | { state: "failed"; words: Words } | { state: "ready"; answer: OrderErpStatusAnswer };
type Retry = { state: "idle" } | { state: "running" } | { state: "done"; tone: "success" | "warning"; text: string } | { state: "failed"; words: Words };

function ErpOrderStatusBlock() {
  const orderId = orderIdFromGid(adminApi().data.selected[0]?.id);
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [retry, setRetry] = useState<Retry>({ state: "idle" });

  const reload = useCallback(async () => {
    if (!orderId) return;
    setLoad({ state: "loading" });
    const outcome = await fetchErpStatus(orderId);
    setLoad(outcome.ok ? { state: "ready", answer: outcome.value } : { state: "failed", words: outcome.words });
  }, [orderId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const onRetry = async () => {
    if (!orderId) return;
    setRetry({ state: "running" });
    const outcome = await retrySync(orderId);
    if (!outcome.ok) return setRetry({ state: "failed", words: outcome.words });
    setRetry({ state: "done", tone: outcome.value.state === "exception" ? "warning" : "success", text: t(`retried.${outcome.value.state}`) });
    await reload();
  };

  const heading = t("heading");
  if (!orderId) return <s-admin-block heading={heading}><s-text>{t("noOrder")}</s-text></s-admin-block>;
  if (load.state === "loading") {
    return (
      <s-admin-block heading={heading}>
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-spinner accessibilityLabel={t("loading")} />
          <s-text color="subdued">{t("loading")}</s-text>
        </s-stack>
      </s-admin-block>
    );
  }
  if (load.state === "failed") {
    return (
      <s-admin-block heading={heading}>
        <s-banner tone="critical" heading={t("loadFailed")}>
          <s-paragraph>{say(load.words)}</s-paragraph>
          <s-button slot="secondary-actions" onClick={() => void reload()}>{t("reload")}</s-button>
        </s-banner>
      </s-admin-block>
    );
  }
  const view = blockView(load.answer);
  return (
    <s-admin-block heading={heading} collapsedSummary={view.erpNumber ? t("collapsedSummary", { number: view.erpNumber }) : t("notInErp")}>
      <s-stack gap="base">
        {view.erpUnavailable ? <s-banner tone="warning"><s-paragraph>{view.erpUnavailable}</s-paragraph></s-banner> : null}
        <Summary view={view} />
        <SyncState view={view} retry={retry} onRetry={onRetry} />
        <Parcels parcels={view.parcels} hasErp={view.erpStatus !== null} />
      </s-stack>
    </s-admin-block>
  );
}

function Summary({ view }: { view: BlockView }) {
  return (
    <s-stack gap="small-200">
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-text type="strong">{t("erpNumber")}</s-text>
        <s-text>{view.erpNumber ?? t("notInErp")}</s-text>
        {view.erpStatus ? <s-badge tone={view.erpStatus.tone}>{say(view.erpStatus.words)}</s-badge> : null}
      </s-stack>
      {view.allocation ? (
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-text type="strong">{t("allocationLabel")}</s-text>
          <s-badge tone={view.allocation.tone}>{say(view.allocation.words)}</s-badge>
        </s-stack>
      ) : null}
      {view.stale ? <s-text color="subdued">{t("stale")}</s-text> : null}
    </s-stack>
  );
}

function SyncState({ view, retry, onRetry }: { view: BlockView; retry: Retry; onRetry: () => void }) {
  return (
    <s-stack gap="small-200">
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-text type="strong">{t("syncLabel")}</s-text>
        <s-badge tone={view.sync.tone}>{say(view.sync.words)}</s-badge>
        {view.sync.age ? <s-text color="subdued">{say(view.sync.age)}</s-text> : null}
      </s-stack>
      {view.sync.message ? <s-text>{view.sync.message}</s-text> : null}
      {view.canRetry ? (
        <s-button variant="primary" onClick={onRetry} loading={retry.state === "running"} disabled={retry.state === "running"} accessibilityLabel={t("retryAccessibilityLabel")}>
          {t("retry")}
        </s-button>
      ) : null}
      {retry.state === "done" ? <s-banner tone={retry.tone}><s-paragraph>{retry.text}</s-paragraph></s-banner> : null}
      {retry.state === "failed" ? (
        <s-banner tone="critical" heading={t("retryFailed")}>
          <s-paragraph>{say(retry.words)}</s-paragraph>
        </s-banner>
      ) : null}
    </s-stack>
  );
}

function Parcels({ parcels, hasErp }: { parcels: ParcelLine[]; hasErp: boolean }) {
  if (!hasErp) return null;
  return (
    <s-stack gap="small-200">
      <s-text type="strong">{t("shipments")}</s-text>
      {parcels.length === 0 ? <s-text color="subdued">{t("noShipments")}</s-text> : null}
      {parcels.map((parcel, i) => {
        const tracking = parcel.trackingNumber ?? t("trackingUnknown");
        return (
          <s-stack key={`${parcel.trackingNumber ?? ""}-${i}`} direction="inline" gap="small-200">
            <s-text>{parcel.carrier ?? t("carrierUnknown")}</s-text>
            {parcel.trackingUrl ? (
              <s-link href={parcel.trackingUrl} target="_blank" accessibilityLabel={t("trackingLink", { tracking })}>
                {tracking}
              </s-link>
            ) : (
              <s-text>{tracking}</s-text>
            )}
            <s-text color="subdued">{t("shippedOn", { date: parcel.shippedAt.slice(0, 10) })}</s-text>
          </s-stack>
        );
      })}
    </s-stack>
  );
}

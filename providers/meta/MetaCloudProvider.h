#pragma once

#include "providers/Provider.h"
#include "providers/meta/MetaConfig.h"
#include "providers/meta/MetaWire.h"

#include <QNetworkRequest>
#include <QPointer>
#include <QUrlQuery>

class NetworkPool;

// The "direct" provider: Meta's WhatsApp Cloud API over Graph (wire reference §7–§10). The wire
// format lives in MetaWire; this class only moves requests and replies.
class MetaCloudProvider : public Provider
{
    Q_OBJECT
public:
    MetaCloudProvider(MetaConfig config, NetworkPool* network, QObject* parent = nullptr);

    QString name() const override;
    const MetaConfig& config() const;

    void send(const OutgoingMessage& message, QObject* context, Callback<SendAccepted> done) override;
    // Follows every page of the WABA's template list.
    void listTemplates(QObject* context, Callback<QList<Template>> done) override;
    // A Meta media id: looks up its short-lived URL, then downloads it with the same token. A bare URL
    // is downloaded directly, but only from Meta's hosts (or the configured API host).
    void fetchMedia(const MediaRef& media, QObject* context, Callback<MediaData> done) override;

    // Without an app secret every webhook is accepted (the GUI warns about that).
    Result<void> verifyWebhook(const WebhookRequest& request) const override;
    Result<QList<WebhookEvent>> parseWebhook(const WebhookRequest& request) const override;

    // The GET hub.* handshake (§8.1) with the configured verify token: the challenge to echo, or an
    // Authentication error (answer 403). The sandbox's token is a secret of the session.
    Result<QString> verificationChallenge(const QUrlQuery& query) const override;

private:
    struct TemplateFetch;

    QUrl endpoint(const QString& path) const;
    QNetworkRequest request(const QUrl& url) const;
    void fetchTemplatePage(std::shared_ptr<TemplateFetch> fetch, const QUrl& url);
    void lookupMedia(const MediaRef& media, bool mayRetry, QPointer<QObject> context, Callback<MediaData> done);
    void downloadMedia(const MetaWire::MediaInfo& info,
                       const MediaRef& media,
                       bool mayRetry,
                       QPointer<QObject> context,
                       Callback<MediaData> done);
    bool isTrustedMediaHost(const QUrl& url) const;

    MetaConfig m_config;
    NetworkPool* m_network;
};

#pragma once

#include "providers/HttpResponse.h"
#include "providers/NetworkPool.h"
#include "providers/Provider.h"
#include "providers/twilio/TwilioConfig.h"

#include <QMutex>
#include <QNetworkRequest>
#include <QSet>

#include <functional>
#include <memory>

// Twilio's WhatsApp API: Messages (2010 API), the Content API for templates, media, and the
// X-Twilio-Signature webhooks. Every call is asynchronous; retries belong to the caller.
class TwilioProvider : public Provider
{
    Q_OBJECT
public:
    TwilioProvider(TwilioConfig config, NetworkPool* network, QObject* parent = nullptr);

    QString name() const override;
    const TwilioConfig& config() const;

    // A template is sent through the Content API: templateName is the ContentSid when it looks
    // like HX + 32 hex, else it is looked up by name and language among the approved templates.
    void send(const OutgoingMessage& message, QObject* context, Callback<SendAccepted> done) override;
    // Every page of ContentAndApprovals; the result also refreshes the cache send() uses.
    void listTemplates(QObject* context, Callback<QList<Template>> done) override;
    // GETs a Twilio media URL with Basic auth and follows its redirect to the bytes. Credentials go
    // only to the API's own origin, never to the host a redirect leads to.
    void fetchMedia(const MediaRef& media, QObject* context, Callback<MediaData> done) override;

    // Twilio signs the public URL (config.webhookUrl, or statusCallbackUrl for status callbacks)
    // plus the query it called with. Without a public URL: the URL the request arrived at, or the
    // one its forwarding headers name (a proxy such as ngrok); the log says which matched.
    Result<void> verifyWebhook(const WebhookRequest& request) const override;
    Result<QList<WebhookEvent>> parseWebhook(const WebhookRequest& request) const override;

    // The templates the last successful listing returned.
    QList<Template> cachedTemplates() const;

private:
    using ResponseHandler = std::function<void(const HttpResponse& response, const QUrl& redirect)>;
    using TemplatesHandler = std::function<void(const Result<QList<Template>>&)>;

    QNetworkRequest makeRequest(const QUrl& url, bool withCredentials) const;
    void get(const QUrl& url, bool withCredentials, bool manualRedirects, ResponseHandler handler);
    void post(const QUrl& url, const QByteArray& body, ResponseHandler handler);

    void postMessage(const OutgoingMessage& message, const QString& contentSid, Callback<SendAccepted> done);
    void sendTemplateByName(const OutgoingMessage& message, Callback<SendAccepted> done);
    void loadTemplates(TemplatesHandler handler);
    void fetchTemplatePage(const QUrl& url, std::shared_ptr<QList<Template>> collected, int pageNo);
    void finishTemplateLoad(const Result<QList<Template>>& result);
    void fetchMediaHop(const QUrl& url, const QUrl& original, int hop, bool withCredentials, Callback<MediaData> done);

    // Wraps `done` so it runs only while `context` lives (this provider when null).
    template <typename T>
    Callback<T> guarded(QObject* context, Callback<T> done);

    // Logs, once per URL, which URL a webhook signature matched without a public URL configured.
    void announceMatchedUrl(const QUrl& url) const;

    TwilioConfig m_config;
    NetworkPool* m_network = nullptr;
    QByteArray m_authorization;
    QList<Template> m_templates;
    bool m_templatesLoaded = false;
    bool m_templatesLoading = false;
    QList<TemplatesHandler> m_templateWaiters;
    mutable QMutex m_announcedMutex;
    mutable QSet<QString> m_announcedUrls;
};

#pragma once

// Fixtures shared by the service tests: a real store in a temporary folder, a provider talking to an
// in-process emulator over loopback HTTP, and a minimal webhook receiver in front of the service
// (the production HttpApi is tested on its own).

#include "app/config/Config.h"
#include "app/http/DeferredResponder.h"
#include "app/service/Outbox.h"
#include "app/service/ServiceClient.h"
#include "app/service/WhatsAppService.h"
#include "app/store/MessageReader.h"
#include "app/store/MessageStore.h"
#include "providers/NetworkPool.h"
#include "providers/emulator/MetaEmulator.h"
#include "providers/meta/MetaCloudProvider.h"
#include "providers/meta/MetaSignature.h"
#include "tests/support/StoreTestSupport.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>
#include <optional>

namespace ServiceTest
{

inline const QString kAccessToken = QStringLiteral("test-access-token");
inline const QString kAppSecret = QStringLiteral("test-app-secret");
inline const QString kVerifyToken = QStringLiteral("test-verify-token");
inline const QString kPhoneNumberId = QStringLiteral("106540352242922");
inline const QString kWabaId = QStringLiteral("102290129340398");
inline const QString kCustomer = QStringLiteral("+14155550100");

using StoreTest::timedOut;

// Runs `call(done)` and waits (processing events) for the callback; a timeout is an error.
template <typename T, typename Call>
Result<T> await(Call call, int timeoutMs = 10000)
{
    std::optional<Result<T>> out;
    call([&out](Result<T> result) { out = std::move(result); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs)) {
        return Unexpected(timedOut());
    }
    return std::move(*out);
}

inline QString describe(const Error& e)
{
    return e.code + QStringLiteral(" [") + e.field + QStringLiteral("] ") + e.message;
}

// For QVERIFY2's message, which is evaluated even when the check passes.
template <typename T>
QString why(const Result<T>& result)
{
    return result ? QStringLiteral("ok") : describe(result.error());
}

// POST /api/whatsapp/webhook on 127.0.0.1:<free port>, answered through the service (or a WebhookIngest
// of the test's own) after its commit.
class WebhookReceiver
{
public:
    WebhookReceiver()
    {
        m_http = std::make_unique<QHttpServer>();
        m_http->route(QStringLiteral("/api/whatsapp/webhook"),
                      QHttpServerRequest::Method::Post,
                      [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                          handle(request, std::move(responder));
                      });
        m_tcp = new QTcpServer(m_http.get());
        m_listening = m_tcp->listen(QHostAddress::LocalHost, 0);
        m_http->bind(m_tcp);
    }

    bool isListening() const
    {
        return m_listening;
    }
    quint16 port() const
    {
        return m_tcp->serverPort();
    }
    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/webhook").arg(port()));
    }
    void attach(WhatsAppService* service)
    {
        m_service = service;
    }
    // Routes requests to `ingest` instead of the service while it lives.
    void attachIngest(WebhookIngest* ingest)
    {
        m_ingest = ingest;
    }
    int answered(int status) const
    {
        return m_answers.value(status);
    }

private:
    void handle(const QHttpServerRequest& request, QHttpServerResponder&& responder)
    {
        DeferredResponder deferred(std::move(responder));
        if (!m_service && !m_ingest) {
            deferred.respond(503, "text/plain", "no service");
            return;
        }
        WebhookRequest webhook;
        webhook.url = url();
        webhook.headers = request.headers();
        webhook.body = request.body();
        auto done = [this, deferred](WebhookOutcome outcome) mutable {
            ++m_answers[outcome.httpStatus];
            deferred.respond(outcome.httpStatus, outcome.contentType, outcome.body);
        };
        if (m_ingest) {
            m_ingest->receive(webhook, &m_context, std::move(done));
        } else {
            m_service->receiveWebhook(webhook, &m_context, std::move(done));
        }
    }

    std::unique_ptr<QHttpServer> m_http;
    QTcpServer* m_tcp = nullptr;
    bool m_listening = false;
    QPointer<WhatsAppService> m_service;
    QPointer<WebhookIngest> m_ingest;
    QObject m_context;
    QHash<int, int> m_answers;
};

struct HarnessOptions
{
    double rate = 1000;
    int concurrency = 8;
    QString windowPolicy = QStringLiteral("enforce");
    int providerTimeoutMs = 1000;
    int statusDelayMs = 20;
    int latencyMs = 0;
    BackoffPolicy backoff{20, 200, 0.5, 6, 6000};
};

// A Meta emulator, a MetaCloudProvider pointed at it, a store and the service, all in `folder`.
class Harness
{
public:
    Harness(const QString& folder, HarnessOptions options = {})
        : m_folder(folder)
        , m_options(std::move(options))
    {
    }

    ~Harness()
    {
        closeService();
    }

    // Starts the receiver and the emulator and builds the provider; false when a port failed.
    bool setUp()
    {
        if (!receiver.isListening()) {
            return false;
        }
        EmulatorOptions emulatorOptions;
        emulatorOptions.webhookUrl = receiver.url();
        emulatorOptions.statusDelayMs = m_options.statusDelayMs;
        emulatorOptions.latencyMs = m_options.latencyMs;
        emulatorOptions.accessToken = kAccessToken;
        emulatorOptions.appSecret = kAppSecret;
        emulatorOptions.phoneNumberId = kPhoneNumberId;
        emulatorOptions.wabaId = kWabaId;
        emulatorOptions.seed = 7;
        emulator = std::make_unique<MetaEmulator>(emulatorOptions);
        if (emulator->listen() == 0) {
            return false;
        }
        network = std::make_unique<NetworkPool>(m_options.concurrency);
        MetaConfig meta;
        QUrl api = emulator->baseUrl();
        api.setPath(QStringLiteral("/v23.0"));
        meta.apiUrl = api;
        meta.accessToken = kAccessToken;
        meta.phoneNumberId = kPhoneNumberId;
        meta.businessAccountId = kWabaId;
        meta.appSecret = kAppSecret;
        meta.verifyToken = kVerifyToken;
        meta.timeoutMs = m_options.providerTimeoutMs;
        provider = std::make_unique<MetaCloudProvider>(meta, network.get());

        config.set(ConfigKey::Provider, QStringLiteral("direct"), {});
        config.set(ConfigKey::SendRate, QString::number(m_options.rate), {});
        config.set(ConfigKey::SendConcurrency, QString::number(m_options.concurrency), {});
        config.set(ConfigKey::WindowPolicy, m_options.windowPolicy, {});
        config.set(ConfigKey::MediaCache, m_folder + QStringLiteral("/media"), {});
        config.set(ConfigKey::Database, database(), {});
        return true;
    }

    QString database() const
    {
        return m_folder + QStringLiteral("/flowchat.sqlite");
    }

    // A store and a service on the database file, not started.
    void makeService()
    {
        StoreOptions storeOptions;
        storeOptions.path = database();
        store = std::make_unique<MessageStore>(storeOptions);
        ServiceOptions serviceOptions;
        serviceOptions.backoff = m_options.backoff;
        serviceOptions.seed = 11;
        service = std::make_unique<WhatsAppService>(config, store.get(), provider.get(), serviceOptions);
        receiver.attach(service.get());
    }

    // Opens the store without starting the service (nothing is dispatched).
    bool openStore()
    {
        return await<OpenReport>([this](auto done) { store->open(&context, done); }).has_value();
    }

    Result<void> startService()
    {
        return await<void>([this](auto done) { service->start(&context, done); });
    }

    // Builds and starts; false (with a warning) when something failed.
    bool up()
    {
        if (!setUp()) {
            return false;
        }
        makeService();
        // Start syncs templates; wait for it so injected faults hit the sends, not the template list.
        QSignalSpy synced(service.get(), &WhatsAppService::templatesChanged);
        const Result<void> started = startService();
        if (!started) {
            qWarning("service did not start: %s", qPrintable(why(started)));
            return false;
        }
        return !synced.isEmpty() || synced.wait(5000);
    }

    // The console's handle on the service (made on first use); it goes before the service does.
    ServiceClient* client()
    {
        if (!m_client && service) {
            m_client = std::make_unique<ServiceClient>(service.get());
        }
        return m_client.get();
    }

    // Stops the service gracefully and closes the store (everything queued is committed).
    void closeService()
    {
        m_client.reset();
        if (service) {
            bool stopped = false;
            service->stop(&context, [&stopped] { stopped = true; });
            if (!QTest::qWaitFor([&stopped] { return stopped; }, 10000)) {
                qWarning("the service did not stop in time");
            }
        }
        receiver.attach(nullptr);
        service.reset();
        store.reset();
        reader.reset();
    }

    MessageReader& read()
    {
        if (!reader) {
            reader = std::make_unique<MessageReader>(database());
        }
        return *reader;
    }

    MessageStatus statusOf(qint64 id)
    {
        const Result<StoredMessage> row = read().message(id);
        return row ? row->status : MessageStatus::Unknown;
    }

    Result<StoredMessage> message(qint64 id)
    {
        return read().message(id);
    }

    // The customer wrote to us `ageMs` ago: their 24-hour window runs from then.
    bool customerWrote(const QString& from, qint64 ageMs = 0, const QString& text = QStringLiteral("hello"))
    {
        InboundMessage in;
        in.provider = QStringLiteral("meta");
        in.providerMessageId = QStringLiteral("wamid.in.%1.%2").arg(from).arg(++m_inboundCounter);
        in.from = from;
        in.text = text;
        in.timestamp = QDateTime::currentDateTimeUtc().addMSecs(-ageMs);
        const Result<InsertedMessage> inserted =
            await<InsertedMessage>([&](auto done) { store->insertInbound(in, &context, done); });
        return inserted.has_value();
    }

    Result<SendReceipt> sendText(const QString& to, const QString& body)
    {
        SendRequest request;
        request.to = to;
        request.body = body;
        return await<SendReceipt>([&](auto done) { service->send(request, &context, done); });
    }

    // How often the emulator accepted a message whose text is `body`.
    int acceptedCount(const QString& body) const
    {
        int n = 0;
        for (const QJsonValue& value : emulator->acceptedMessages()) {
            const QJsonObject request = value.toObject().value(QLatin1String("request")).toObject();
            if (request.value(QLatin1String("text")).toObject().value(QLatin1String("body")).toString() == body) {
                ++n;
            }
        }
        return n;
    }

    // A webhook request carrying `body`, signed with the app secret unless told otherwise.
    WebhookRequest metaWebhook(const QByteArray& body, std::optional<QByteArray> signature = std::nullopt) const
    {
        WebhookRequest request;
        request.url = receiver.url();
        request.body = body;
        request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        request.headers.append(qMakePair(QByteArray("X-Hub-Signature-256"),
                                         signature ? *signature : MetaSignature::sign(kAppSecret.toUtf8(), body)));
        return request;
    }

    Result<WebhookOutcome> receive(const WebhookRequest& request)
    {
        return await<WebhookOutcome>([&](auto done) {
            service->receiveWebhook(request, &context, [done](WebhookOutcome outcome) { done(outcome); });
        });
    }

    QString m_folder;
    HarnessOptions m_options;
    std::unique_ptr<ServiceClient> m_client;
    WebhookReceiver receiver;
    std::unique_ptr<MetaEmulator> emulator;
    std::unique_ptr<NetworkPool> network;
    std::unique_ptr<MetaCloudProvider> provider;
    Config config;
    std::unique_ptr<MessageStore> store;
    std::unique_ptr<WhatsAppService> service;
    std::unique_ptr<MessageReader> reader;
    QObject context;
    int m_inboundCounter = 0;
};

// A Meta inbound text webhook body, as the Cloud API sends it.
inline QByteArray metaInboundBody(const QString& wamid, const QString& fromDigits, const QString& text)
{
    const QJsonObject message{{QStringLiteral("from"), fromDigits},
                              {QStringLiteral("id"), wamid},
                              {QStringLiteral("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch())},
                              {QStringLiteral("type"), QStringLiteral("text")},
                              {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), text}}}};
    const QJsonObject value{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                            {QStringLiteral("metadata"),
                             QJsonObject{{QStringLiteral("display_phone_number"), QStringLiteral("15550783881")},
                                         {QStringLiteral("phone_number_id"), kPhoneNumberId}}},
                            {QStringLiteral("contacts"),
                             QJsonArray{QJsonObject{{QStringLiteral("profile"),
                                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("Ana")}}},
                                                    {QStringLiteral("wa_id"), fromDigits}}}},
                            {QStringLiteral("messages"), QJsonArray{message}}};
    const QJsonObject envelope{
        {QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
        {QStringLiteral("entry"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), kWabaId},
                                {QStringLiteral("changes"),
                                 QJsonArray{QJsonObject{{QStringLiteral("value"), value},
                                                        {QStringLiteral("field"), QStringLiteral("messages")}}}}}}}};
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

} // namespace ServiceTest

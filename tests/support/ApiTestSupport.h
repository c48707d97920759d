#pragma once

// Fixtures for the HTTP API tests: the whole stack (ServiceHost: store, provider, service, HttpApi)
// in-process on loopback, its provider talking to an in-process emulator, and a small HTTP client.

#include "app/config/Config.h"
#include "app/headless/ServiceHost.h"
#include "app/http/HttpApi.h"
#include "providers/FormEncoding.h"
#include "providers/emulator/MetaEmulator.h"
#include "providers/emulator/TwilioEmulator.h"
#include "providers/meta/MetaSignature.h"
#include "providers/twilio/TwilioSignature.h"
#include "tests/support/ConfigSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>
#include <optional>

namespace ApiTest
{

inline const QString kApiToken = QStringLiteral("api-test-token-5f1c2a9e");
inline const QString kAccountSid = QStringLiteral("AC") + QString(32, QLatin1Char('a'));
inline const QString kAuthToken = QStringLiteral("0123456789abcdef0123456789abcdef");
inline const QString kTwilioNumber = QStringLiteral("+14155238886");
inline const QString kAccessToken = QStringLiteral("EAAtestaccesstoken");
inline const QString kAppSecret = QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f90");
inline const QString kVerifyToken = QStringLiteral("verify-me-please");
inline const QString kPhoneNumberId = QStringLiteral("106540352242922");
inline const QString kWabaId = QStringLiteral("102290129340398");
inline const QString kCustomer = QStringLiteral("+14155550100");

enum class Flavour
{
    Twilio,
    Meta, // WHATSAPP_PROVIDER=direct against the Meta emulator
};

using ConfigSupport::freePort;

// The rows of a test that runs once per provider.
inline void addFlavourRows()
{
    QTest::addColumn<Flavour>("flavour");
    QTest::newRow("twilio") << Flavour::Twilio;
    QTest::newRow("meta") << Flavour::Meta;
}

// Holds a loopback port until release(), so that nothing started meanwhile (an emulator listening
// on port 0, an outgoing connection) can take it.
class PortReservation
{
public:
    PortReservation()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        m_port = m_server.serverPort();
    }
    quint16 port() const
    {
        return m_port;
    }
    void release()
    {
        m_server.close();
    }

private:
    QTcpServer m_server;
    quint16 m_port = 0;
};

inline QString randomHex(int chars)
{
    QString out;
    while (out.size() < chars) {
        out += QString::number(QRandomGenerator::global()->generate(), 16);
    }
    return out.left(chars);
}

struct Response
{
    bool finished = false;
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QJsonObject json;
    QList<QNetworkReply::RawHeaderPair> headers;

    QString errorField() const
    {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString();
    }
    QString errorCode() const
    {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
};

// A QNetworkAccessManager with the bearer token at hand; waits for each answer (events keep running).
class Client
{
public:
    explicit Client(QUrl base)
        : m_base(std::move(base))
    {
    }

    void setBase(const QUrl& base)
    {
        m_base = base;
    }

    QUrl url(const QString& pathAndQuery) const
    {
        return QUrl(m_base.toString() + pathAndQuery);
    }

    Response send(const QByteArray& method,
                  const QString& pathAndQuery,
                  const QByteArray& body = {},
                  const QByteArray& contentType = {},
                  const QList<QPair<QByteArray, QByteArray>>& headers = {},
                  std::optional<QString> token = kApiToken)
    {
        QNetworkRequest request(url(pathAndQuery));
        if (!contentType.isEmpty()) {
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        }
        if (token) {
            request.setRawHeader("Authorization", "Bearer " + token->toUtf8());
        }
        for (const auto& [name, value] : headers) {
            request.setRawHeader(name, value);
        }
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, method, body));
        Response response;
        response.finished = QTest::qWaitFor([&reply] { return reply->isFinished(); }, 15000);
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        response.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        response.json = QJsonDocument::fromJson(response.body).object();
        response.headers = reply->rawHeaderPairs();
        return response;
    }

    Response get(const QString& pathAndQuery, std::optional<QString> token = kApiToken)
    {
        return send("GET", pathAndQuery, {}, {}, {}, token);
    }

    Response postJson(const QString& path, const QJsonObject& body)
    {
        return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
    }

    QNetworkAccessManager& network()
    {
        return m_network;
    }

private:
    QUrl m_base;
    QNetworkAccessManager m_network;
};

// The full stack for one test case. The receiver listens on a port chosen up front, because the
// emulator (and, for Twilio, FLOWCHAT_PUBLIC_URL) must know it before anything starts.
class Stack
{
public:
    Stack(Flavour flavour, const QString& dir, const QList<QPair<QString, QString>>& extra = {})
        : m_flavour(flavour)
        , m_reservation(std::make_unique<PortReservation>())
        , m_port(m_reservation->port())
    {
        EmulatorOptions options;
        options.webhookUrl = webhookUrl();
        options.statusDelayMs = 20;
        options.seed = 7;
        if (flavour == Flavour::Twilio) {
            options.accountSid = kAccountSid;
            options.authToken = kAuthToken;
            m_emulator = std::make_unique<TwilioEmulator>(options);
        } else {
            options.accessToken = kAccessToken;
            options.appSecret = kAppSecret;
            options.phoneNumberId = kPhoneNumberId;
            options.wabaId = kWabaId;
            m_emulator = std::make_unique<MetaEmulator>(options);
        }
        m_emulatorPort = m_emulator->listen();

        set(ConfigKey::Listen, QStringLiteral("127.0.0.1:%1").arg(m_port));
        set(ConfigKey::ApiToken, kApiToken);
        set(ConfigKey::Database, dir + QStringLiteral("/flowchat.sqlite"));
        set(ConfigKey::MediaCache, dir + QStringLiteral("/media"));
        set(ConfigKey::WindowPolicy, QStringLiteral("warn"));
        if (flavour == Flavour::Twilio) {
            set(ConfigKey::Provider, QStringLiteral("twilio"));
            set(ConfigKey::TwilioAccountSid, kAccountSid);
            set(ConfigKey::TwilioAuthToken, kAuthToken);
            set(ConfigKey::TwilioWhatsAppNumber, kTwilioNumber);
            set(ConfigKey::TwilioApiBaseUrl, m_emulator->baseUrl().toString());
            set(ConfigKey::TwilioContentBaseUrl, m_emulator->baseUrl().toString());
            set(ConfigKey::PublicUrl, baseUrl().toString());
        } else {
            set(ConfigKey::Provider, QStringLiteral("direct"));
            set(ConfigKey::WhatsAppApiUrl, m_emulator->baseUrl().toString() + QStringLiteral("/v23.0"));
            set(ConfigKey::WhatsAppApiToken, kAccessToken);
            set(ConfigKey::WhatsAppPhoneNumberId, kPhoneNumberId);
            set(ConfigKey::WhatsAppBusinessAccountId, kWabaId);
            set(ConfigKey::WhatsAppAppSecret, kAppSecret);
            set(ConfigKey::WhatsAppVerifyToken, kVerifyToken);
        }
        for (const auto& [key, value] : extra) {
            set(key, value);
        }
    }

    ~Stack()
    {
        m_host.reset();
        m_emulator.reset();
    }

    void set(const QString& key, const QString& value)
    {
        m_config.set(key, value, {Config::Source::CommandLine, QString()});
    }

    // Starts the host and waits for it; the reason on failure.
    QString start(int storeBusyTimeoutMs = 5000)
    {
        if (m_emulatorPort == 0) {
            return QStringLiteral("the emulator did not listen");
        }
        m_host = std::make_unique<ServiceHost>(m_config);
        m_host->setStoreBusyTimeout(storeBusyTimeoutMs);
        m_reservation->release();
        QSignalSpy started(m_host.get(), &ServiceHost::started);
        QSignalSpy failed(m_host.get(), &ServiceHost::failed);
        m_host->start();
        if (!QTest::qWaitFor([&] { return !started.isEmpty() || !failed.isEmpty(); }, 15000)) {
            return QStringLiteral("the host did not start in time");
        }
        if (!failed.isEmpty()) {
            return failed.first().first().value<Error>().message;
        }
        return QString();
    }

    // Stops gracefully and waits.
    bool stop()
    {
        QSignalSpy stopped(m_host.get(), &ServiceHost::stopped);
        m_host->stop();
        return !stopped.isEmpty() || stopped.wait(15000);
    }

    QUrl baseUrl() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
    }
    QUrl webhookUrl() const
    {
        return QUrl(baseUrl().toString() + QStringLiteral("/api/whatsapp/webhook"));
    }

    const Config& config() const
    {
        return m_config;
    }
    // For a host started elsewhere (on another thread): frees the receiver's port for it.
    void releasePort()
    {
        m_reservation->release();
    }
    ServiceHost* host() const
    {
        return m_host.get();
    }
    EmulatorBase* emulator() const
    {
        return m_emulator.get();
    }
    Flavour flavour() const
    {
        return m_flavour;
    }

private:
    Flavour m_flavour;
    std::unique_ptr<PortReservation> m_reservation;
    quint16 m_port;
    quint16 m_emulatorPort = 0;
    Config m_config;
    std::unique_ptr<EmulatorBase> m_emulator;
    std::unique_ptr<ServiceHost> m_host;
};

// A webhook request as the provider sends it, signed.
struct SignedWebhook
{
    QByteArray body;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString providerMessageId;
};

// A Twilio webhook: the form, with the signature Twilio computes over `url` and the fields.
inline SignedWebhook
signedTwilioForm(const QUrl& url, const QString& authToken, const Form::Fields& fields, const QString& sid)
{
    SignedWebhook webhook;
    webhook.body = Form::encode(fields);
    webhook.contentType = "application/x-www-form-urlencoded";
    webhook.headers = {
        {"X-Twilio-Signature", TwilioSignature::sign(authToken, url.toString(QUrl::FullyEncoded), fields)}};
    webhook.providerMessageId = sid;
    return webhook;
}

// A Meta webhook: the JSON body with Meta's signature over it.
inline SignedWebhook signedMetaJson(const QString& appSecret, const QByteArray& body, const QString& id)
{
    SignedWebhook webhook;
    webhook.body = body;
    webhook.contentType = "application/json";
    webhook.headers = {{"X-Hub-Signature-256", MetaSignature::sign(appSecret.toUtf8(), body)}};
    webhook.providerMessageId = id;
    return webhook;
}

inline SignedWebhook twilioInbound(
    const QUrl& url, const QString& from, const QString& text, const QString& authToken = kAuthToken, QString sid = {})
{
    if (sid.isEmpty()) {
        sid = QStringLiteral("SM") + randomHex(32);
    }
    QString digits = from;
    digits.remove(QLatin1Char('+'));
    const Form::Fields fields{
        {QStringLiteral("AccountSid"), kAccountSid},
        {QStringLiteral("ApiVersion"), QStringLiteral("2010-04-01")},
        {QStringLiteral("Body"), text},
        {QStringLiteral("From"), QStringLiteral("whatsapp:") + from},
        {QStringLiteral("MessageSid"), sid},
        {QStringLiteral("MessageType"), QStringLiteral("text")},
        {QStringLiteral("NumMedia"), QStringLiteral("0")},
        {QStringLiteral("NumSegments"), QStringLiteral("1")},
        {QStringLiteral("ProfileName"), QStringLiteral("José")},
        {QStringLiteral("SmsMessageSid"), sid},
        {QStringLiteral("SmsSid"), sid},
        {QStringLiteral("SmsStatus"), QStringLiteral("received")},
        {QStringLiteral("To"), QStringLiteral("whatsapp:") + kTwilioNumber},
        {QStringLiteral("WaId"), digits},
    };
    return signedTwilioForm(url, authToken, fields, sid);
}

inline SignedWebhook
twilioStatus(const QUrl& url, const QString& sid, const QString& status, const QString& to = kCustomer)
{
    const Form::Fields fields{
        {QStringLiteral("AccountSid"), kAccountSid},
        {QStringLiteral("ApiVersion"), QStringLiteral("2010-04-01")},
        {QStringLiteral("From"), QStringLiteral("whatsapp:") + kTwilioNumber},
        {QStringLiteral("MessageSid"), sid},
        {QStringLiteral("MessageStatus"), status},
        {QStringLiteral("SmsSid"), sid},
        {QStringLiteral("SmsStatus"), status},
        {QStringLiteral("To"), QStringLiteral("whatsapp:") + to},
    };
    return signedTwilioForm(url, kAuthToken, fields, sid);
}

// Meta's escaping (wire reference §9.2): ASCII only, lowercase \uXXXX, and \/.
inline QByteArray metaEscaped(const QString& text)
{
    QByteArray out;
    for (const QChar c : text) {
        const ushort u = c.unicode();
        if (u == '"' || u == '\\') {
            out += '\\';
            out += static_cast<char>(u);
        } else if (u == '/') {
            out += "\\/";
        } else if (u < 0x20 || u > 0x7e) {
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
        } else {
            out += static_cast<char>(u);
        }
    }
    return out;
}

inline SignedWebhook
metaInbound(const QString& from, const QString& text, const QString& appSecret = kAppSecret, QString id = {})
{
    if (id.isEmpty()) {
        id = QStringLiteral("wamid.") + randomHex(40);
    }
    QString digits = from;
    digits.remove(QLatin1Char('+'));
    const QByteArray body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + kWabaId.toUtf8()
        + "\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
          "\"15550783881\",\"phone_number_id\":\""
        + kPhoneNumberId.toUtf8() + "\"},\"contacts\":[{\"profile\":{\"name\":\"Jos\\u00e9\"},\"wa_id\":\""
        + digits.toUtf8() + "\"}],\"messages\":[{\"from\":\"" + digits.toUtf8() + "\",\"id\":\"" + id.toUtf8()
        + "\",\"timestamp\":\"1750030100\",\"text\":{\"body\":\"" + metaEscaped(text)
        + "\"},\"type\":\"text\"}]},\"field\":\"messages\"}]}]}";
    return signedMetaJson(appSecret, body, id);
}

inline SignedWebhook metaStatus(const QString& id, const QString& status, const QString& recipient = kCustomer)
{
    QString digits = recipient;
    digits.remove(QLatin1Char('+'));
    const QByteArray body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + kWabaId.toUtf8()
        + "\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
          "\"15550783881\",\"phone_number_id\":\""
        + kPhoneNumberId.toUtf8() + "\"},\"statuses\":[{\"id\":\"" + id.toUtf8() + "\",\"status\":\"" + status.toUtf8()
        + "\",\"timestamp\":\"1750030080\",\"recipient_id\":\"" + digits.toUtf8() + "\"}]},\"field\":\"messages\"}]}]}";
    return signedMetaJson(kAppSecret, body, id);
}

inline Response
postWebhook(Client& client, const SignedWebhook& webhook, const QString& path = QStringLiteral("/api/whatsapp/webhook"))
{
    return client.send("POST", path, webhook.body, webhook.contentType, webhook.headers, std::nullopt);
}

} // namespace ApiTest

Q_DECLARE_METATYPE(ApiTest::Flavour)

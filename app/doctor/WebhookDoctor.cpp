#include "app/doctor/WebhookDoctor.h"

#include "app/doctor/SignatureDiagnosis.h"
#include "app/http/WebhookSelfTest.h"
#include "app/service/ProviderFactory.h"
#include "app/store/MessageReader.h"
#include "providers/ErrorCatalogue.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

namespace
{

QString describe(const Error& error)
{
    if (error.field.isEmpty() || error.message.startsWith(error.field)) {
        return error.message;
    }
    return error.field + QStringLiteral(": ") + error.message;
}

QString catalogueProvider(Config::Provider provider)
{
    return provider == Config::Provider::Twilio ? QStringLiteral("twilio") : QStringLiteral("meta");
}

int httpStatus(const QNetworkReply* reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

WebhookDoctor::WebhookDoctor(const Config& config, QObject* parent)
    : WebhookDoctor(config, Options(), parent)
{
}

WebhookDoctor::WebhookDoctor(const Config& config, Options options, QObject* parent)
    : DoctorChecks(parent)
    , m_config(config)
    , m_options(options)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setTransferTimeout(m_options.timeoutMs);
}

WebhookDoctor::~WebhookDoctor() = default;

QUrl WebhookDoctor::listenUrl(const QString& path) const
{
    QHostAddress address = m_config.listenAddress();
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4) {
        address = QHostAddress::LocalHost;
    } else if (address == QHostAddress::AnyIPv6) {
        address = QHostAddress::LocalHostIPv6;
    }
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(address.toString());
    url.setPort(m_config.listenPort());
    url.setPath(path);
    return url;
}

void WebhookDoctor::run()
{
    checkConfig();
    checkProvider(); // the network checks chain on from here
}

void WebhookDoctor::checkConfig()
{
    const QList<Error> problems = m_config.validate();
    if (problems.isEmpty()) {
        pass(QStringLiteral("Configuration: every key is valid (provider %1).")
                 .arg(Config::providerName(m_config.provider())));
    }
    for (const Error& problem : problems) {
        fail(QStringLiteral("Configuration: %1").arg(describe(problem)));
    }
    for (const Error& warning : m_config.warnings()) {
        note(QStringLiteral("Note: %1").arg(describe(warning)));
    }
}

void WebhookDoctor::checkProvider()
{
    m_providers = new ProviderFactory(this);
    const Result<Provider*> provider = m_providers->create(m_config);
    if (!provider) {
        fail(QStringLiteral("Provider: cannot be set up: %1").arg(describe(provider.error())));
        checkReceiver();
        return;
    }
    const QString name = Config::providerName(m_config.provider());
    (*provider)->listTemplates(this, [this, name](Result<QList<Template>> templates) {
        if (templates) {
            pass(QStringLiteral("Provider: %1 answers with these credentials (%2 templates listed).")
                     .arg(name)
                     .arg(templates->size()));
        } else {
            const ErrorAdvice advice =
                ErrorCatalogue::describe(catalogueProvider(m_config.provider()), templates.error());
            fail(QStringLiteral("Provider: %1 refused to list templates with these credentials: %2 (code %3).")
                     .arg(name,
                          templates.error().message,
                          templates.error().code.isEmpty() ? QStringLiteral("-") : templates.error().code));
            note(advice.title + QStringLiteral(". ") + advice.advice);
        }
        checkReceiver();
    });
}

void WebhookDoctor::checkReceiver()
{
    const QUrl url = listenUrl(QStringLiteral("/api/health"));
    QNetworkReply* reply = m_network->get(QNetworkRequest(url));
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
        const QJsonObject health = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError && health.isEmpty()) {
            fail(QStringLiteral(
                     "Receiver: nothing answers on %1 (%2). Start `flowchat --headless` (or the console) with "
                     "this configuration, or fix FLOWCHAT_LISTEN.")
                     .arg(url.toString(QUrl::RemovePath), reply->errorString()));
        } else if (health.value(QStringLiteral("instance")).toString().isEmpty()) {
            fail(QStringLiteral("Receiver: something answers on %1, but it is not FlowChat (HTTP %2).")
                     .arg(url.toString(QUrl::RemovePath))
                     .arg(httpStatus(reply)));
        } else {
            m_instanceId = health.value(QStringLiteral("instance")).toString();
            const QString provider = health.value(QStringLiteral("provider")).toString();
            const QString database = health.value(QStringLiteral("database")).toString();
            const QString expected = Config::providerName(m_config.provider());
            if (provider != expected) {
                fail(QStringLiteral(
                         "Receiver: listening on %1, but it runs provider %2 while this configuration says %3. "
                         "Restart it with this configuration.")
                         .arg(url.toString(QUrl::RemovePath), provider, expected));
            } else if (database != QLatin1String("ok")) {
                fail(QStringLiteral("Receiver: listening on %1, but its database fails: %2")
                         .arg(url.toString(QUrl::RemovePath), database));
            } else {
                pass(QStringLiteral("Receiver: listening on %1 (provider %2, database ok).")
                         .arg(url.toString(QUrl::RemovePath), provider));
            }
        }
        checkPublicUrl();
    });
}

void WebhookDoctor::checkPublicUrl()
{
    const QUrl webhookUrl = m_config.webhookUrl();
    if (webhookUrl.isEmpty()) {
        switch (m_config.provider()) {
        case Config::Provider::Sandbox:
            pass(QStringLiteral("Public URL: not needed; the sandbox calls the receiver on loopback."));
            break;
        case Config::Provider::Twilio:
            fail(QStringLiteral(
                "Public URL: FLOWCHAT_PUBLIC_URL is not set. Twilio needs a public https URL that reaches "
                "this receiver, and FlowChat checks Twilio's signatures against it. Set it to the base "
                "URL (for example https://chat.example.com) whose /api/whatsapp/webhook reaches FlowChat."));
            break;
        case Config::Provider::Direct:
            fail(QStringLiteral("Public URL: FLOWCHAT_PUBLIC_URL is not set, so the doctor cannot check that Meta's "
                                "callback URL reaches this receiver. Set it to the base of the callback URL configured "
                                "in the Meta App Dashboard."));
            break;
        }
        checkWebhookLog();
        return;
    }

    const QString nonce = QString::number(QRandomGenerator::system()->generate64(), 16);
    const WebhookRequest selfTest =
        m_config.provider() == Config::Provider::Twilio
            ? WebhookSelfTest::twilio(webhookUrl, m_config.twilioAuthToken(), m_config.twilioAccountSid(), nonce)
            : WebhookSelfTest::meta(webhookUrl, m_config.whatsAppAppSecret(), nonce);
    QNetworkRequest request(webhookUrl);
    for (const auto& [name, value] : selfTest.headers) {
        request.setRawHeader(name, value);
    }
    QNetworkReply* reply = m_network->post(request, selfTest.body);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, this, [this, reply, nonce, webhookUrl] {
        const int status = httpStatus(reply);
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        const QString url = webhookUrl.toString();
        const bool echoed = answer.value(QStringLiteral("selftest")).toString() == nonce;
        const QString instance = answer.value(QStringLiteral("instance")).toString();
        if (status == 0) {
            fail(QStringLiteral("Public URL: %1 does not reach any server (%2). Check DNS, the tunnel or the reverse "
                                "proxy in front of FlowChat.")
                     .arg(url, reply->errorString()));
        } else if (!echoed) {
            fail(
                QStringLiteral("Public URL: %1 answers HTTP %2, but not as FlowChat's receiver. Make the proxy forward "
                               "%3 to FlowChat's /api/whatsapp/webhook.")
                    .arg(url)
                    .arg(status)
                    .arg(webhookUrl.path()));
        } else if (!m_instanceId.isEmpty() && instance != m_instanceId) {
            fail(QStringLiteral("Public URL: %1 reaches a FlowChat receiver, but not the one listening on %2: another "
                                "instance gets your webhooks.")
                     .arg(url, listenUrl(QString()).toString()));
        } else if (status != 200) {
            const QString reason =
                answer.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
            fail(QStringLiteral(
                     "Public URL: %1 reaches the receiver, but a webhook signed for exactly this URL is refused "
                     "(%2). The receiver may run with other credentials or another FLOWCHAT_PUBLIC_URL.")
                     .arg(url, reason));
        } else if (m_instanceId.isEmpty()) {
            fail(
                QStringLiteral("Public URL: %1 reaches a FlowChat receiver, but none answers on FLOWCHAT_LISTEN, so it "
                               "cannot be this one.")
                    .arg(url));
        } else {
            pass(QStringLiteral("Public URL: %1 reaches this receiver, and a webhook signed for it verifies here.")
                     .arg(url));
            if (m_config.provider() != Config::Provider::Twilio && m_config.whatsAppAppSecret().isEmpty()) {
                note(QStringLiteral(
                    "Note: WHATSAPP_APP_SECRET is not set, so anyone who knows the URL can post webhooks."));
            }
        }
        checkWebhookLog();
    });
}

void WebhookDoctor::checkWebhookLog()
{
    const QString path = m_config.databaseForDisplay();
    if (!m_config.databaseIsShared() && !QFileInfo::exists(path)) {
        pass(QStringLiteral("Webhook log: no webhook has arrived yet (no database at %1).").arg(path));
        done();
        return;
    }
    MessageReader reader(m_config.database());
    const Result<QList<WebhookLogEntry>> entries = reader.webhookLog(m_options.logEntries);
    if (!entries) {
        fail(QStringLiteral("Webhook log: cannot be read from %1: %2").arg(path, entries.error().message));
        done();
        return;
    }
    qint64 newestAccepted = 0;
    for (const WebhookLogEntry& entry : *entries) {
        if (entry.verdict == WebhookLogEntry::Verdict::Accepted) {
            newestAccepted = std::max(newestAccepted, entry.id);
        }
    }

    SignatureDiagnosis::TwilioSettings twilio{
        m_config.twilioAuthToken(), m_config.twilioAccountSid(), m_config.publicUrl()};
    SignatureDiagnosis::MetaSettings meta{
        m_config.whatsAppAppSecret(), m_config.whatsAppApiToken(), m_config.whatsAppVerifyToken()};
    int current = 0;
    int earlier = 0;
    for (const WebhookLogEntry& entry : *entries) {
        if (entry.verdict == WebhookLogEntry::Verdict::Accepted) {
            continue;
        }
        const bool isCurrent = entry.id > newestAccepted;
        const QString when = QDateTime::fromMSecsSinceEpoch(entry.receivedAt, Qt::UTC).toString(Qt::ISODate);
        const QString headline =
            QStringLiteral("Webhook #%1 (%2, %3) was %4: %5")
                .arg(entry.id)
                .arg(entry.provider.isEmpty() ? QStringLiteral("unknown provider") : entry.provider,
                     when,
                     StoreNames::verdict(entry.verdict),
                     entry.reason);
        if (isCurrent) {
            ++current;
            fail(headline);
        } else {
            ++earlier;
            note(QStringLiteral("Earlier, before an accepted one: ") + headline);
        }
        if (entry.verdict != WebhookLogEntry::Verdict::Refused) {
            continue;
        }
        if (m_config.provider() == Config::Provider::Sandbox) {
            note(QStringLiteral("The sandbox signs with a secret made up for each run: a webhook from another run, or "
                                "from anything but the sandbox, is refused. Nothing to fix."));
            continue;
        }
        const SignatureDiagnosis::Finding finding = entry.provider == QLatin1String("twilio")
                                                        ? SignatureDiagnosis::twilio(entry, twilio)
                                                        : SignatureDiagnosis::meta(entry, meta);
        note(finding.summary);
        if (!finding.fix.isEmpty()) {
            note(QStringLiteral("Fix: ") + finding.fix);
        }
    }
    if (current == 0) {
        pass(QStringLiteral(
                 "Webhook log: no refused webhooks since the last accepted one (%1 entries read, %2 refused earlier).")
                 .arg(entries->size())
                 .arg(earlier));
    }
    done();
}

void WebhookDoctor::done()
{
    emit finished(failures() == 0);
}

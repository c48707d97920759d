#include "app/service/ProviderFactory.h"

#include "app/AppLogging.h"
#include "app/config/Config.h"
#include "app/service/SandboxContact.h"
#include "providers/NetworkPool.h"
#include "providers/ProviderTraffic.h"
#include "providers/emulator/MetaEmulator.h"
#include "providers/meta/MetaCloudProvider.h"
#include "providers/twilio/TwilioProvider.h"

#include <QRandomGenerator>

namespace
{

// Made-up ids for the sandbox's business number and account.
const QString kSandboxPhoneNumberId = QStringLiteral("100000000000001");
const QString kSandboxWabaId = QStringLiteral("100000000000002");

// Random hex, 8 characters per word.
QString sessionSecret(int words)
{
    QString out;
    for (int i = 0; i < words; ++i) {
        out += QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace

ProviderFactory::ProviderFactory(QObject* parent)
    : QObject(parent)
{
}

ProviderFactory::~ProviderFactory() = default;

Provider* ProviderFactory::provider() const
{
    return m_provider;
}

ProviderTraffic* ProviderFactory::traffic() const
{
    return m_traffic;
}

NetworkPool* ProviderFactory::network() const
{
    return m_network;
}

bool ProviderFactory::isSandbox() const
{
    return m_emulator != nullptr;
}

MetaEmulator* ProviderFactory::sandboxEmulator() const
{
    return m_emulator;
}

SandboxContact* ProviderFactory::sandboxContact() const
{
    return m_contact;
}

QUrl ProviderFactory::receiverUrl(const Config& config)
{
    QHostAddress address = config.listenAddress();
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4) {
        address = QHostAddress::LocalHost;
    } else if (address == QHostAddress::AnyIPv6) {
        address = QHostAddress::LocalHostIPv6;
    }
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(address.toString());
    url.setPort(config.listenPort());
    url.setPath(QStringLiteral("/api/whatsapp/webhook"));
    return url;
}

Result<Provider*> ProviderFactory::create(const Config& config, SandboxOptions sandbox)
{
    if (m_provider) {
        Error error;
        error.kind = Error::Kind::Configuration;
        error.code = QStringLiteral("provider.exists");
        error.message = QStringLiteral("the provider was already created");
        return Unexpected(error);
    }
    // QNAM runs six requests per host at once: enough managers for the concurrency asked for.
    m_network = new NetworkPool(config.sendConcurrency(), this);
    m_traffic = new ProviderTraffic(ProviderTraffic::kDefaultCapacity, this);
    m_network->setTraffic(m_traffic);
    switch (config.provider()) {
    case Config::Provider::Twilio:
        m_provider = new TwilioProvider(config.twilioConfig(), m_network, this);
        break;
    case Config::Provider::Direct:
        m_provider = new MetaCloudProvider(config.metaConfig(), m_network, this);
        break;
    case Config::Provider::Sandbox:
        return createSandbox(config, sandbox);
    }
    qCInfo(lcService) << "provider" << Config::providerName(config.provider()) << "ready," << m_network->size()
                      << "network managers";
    return m_provider.data();
}

Result<Provider*> ProviderFactory::createSandbox(const Config& config, const SandboxOptions& sandbox)
{
    EmulatorOptions options;
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    options.webhookUrl = receiverUrl(config);
    options.statusDelayMs = sandbox.statusDelayMs;
    options.accessToken = sessionSecret(6);
    options.appSecret = sessionSecret(4);
    options.phoneNumberId = kSandboxPhoneNumberId;
    options.wabaId = kSandboxWabaId;
    options.closedWindows = false; // every contact can be written to

    auto* emulator = new MetaEmulator(options, this);
    if (emulator->listen() == 0) {
        delete emulator;
        Error error;
        error.kind = Error::Kind::Configuration;
        error.code = QStringLiteral("sandbox.listen");
        error.message = QStringLiteral("the sandbox could not listen on a loopback port");
        return Unexpected(error);
    }
    m_emulator = emulator;

    MetaConfig meta;
    QUrl api = emulator->baseUrl();
    api.setPath(QStringLiteral("/v23.0"));
    meta.apiUrl = api;
    meta.accessToken = options.accessToken;
    meta.phoneNumberId = options.phoneNumberId;
    meta.businessAccountId = options.wabaId;
    meta.appSecret = options.appSecret; // signatures are checked for real, as in production
    meta.verifyToken = sessionSecret(4);
    m_provider = new MetaCloudProvider(meta, m_network, this);
    m_contact = new SandboxContact(emulator, sandbox.replyDelayMs, this);

    qCWarning(lcService).noquote() << "SANDBOX MODE: nothing you send reaches WhatsApp. An emulator at"
                                   << emulator->baseUrl().toString() << "plays Meta and answers every message;"
                                   << "its webhooks go to" << options.webhookUrl.toString()
                                   << "- set WHATSAPP_PROVIDER to twilio or direct to talk to real customers.";
    return m_provider.data();
}

#include "app/headless/ServiceHost.h"

#include "app/AppLogging.h"
#include "app/config/ApiTokenKeeper.h"
#include "app/http/HttpApi.h"
#include "app/service/ProviderFactory.h"
#include "app/service/WhatsAppService.h"
#include "app/store/MessageStore.h"

#include <QDir>
#include <QFileInfo>
#include <QTcpServer>
#include <QTimer>

namespace
{

QString hostPort(const QHostAddress& address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                             : address.toString();
    return host + QLatin1Char(':') + QString::number(port);
}

} // namespace

ServiceHost::ServiceHost(Config config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
{
}

ServiceHost::~ServiceHost()
{
    // The API and the service use the store, so they go first; the store's destructor then
    // commits whatever is still queued.
    delete m_api;
    delete m_service;
    delete m_providers;
    delete m_store;
}

void ServiceHost::setStoreBusyTimeout(int ms)
{
    m_storeBusyTimeoutMs = ms;
}

void ServiceHost::setTeamRole(ServiceOptions::TeamRole role)
{
    m_teamRole = role;
}

WhatsAppService* ServiceHost::service() const
{
    return m_service;
}

HttpApi* ServiceHost::api() const
{
    return m_api;
}

ServiceHostInfo ServiceHost::info() const
{
    return m_info;
}

void ServiceHost::start()
{
    if (m_store) {
        return;
    }
    m_info.provider = Config::providerName(m_config.provider());
    m_info.apiToken = m_config.apiToken();
    if (m_info.apiToken.isEmpty()) {
        // Only when nobody kept one (ApiTokenKeeper::ensure): good for this run alone.
        m_info.apiToken = ApiTokenKeeper::generate();
        m_info.tokenGenerated = true;
    }
    m_info.apiTokenHint = ApiTokenKeeper::whereToFind(m_config);

    // Port 0 means "any free port"; pick it now, because the sandbox tells its emulator where our
    // receiver is before we listen.
    if (m_config.listenPort() == 0) {
        QTcpServer probe;
        if (!probe.listen(m_config.listenAddress(), 0)) {
            fail(Error::configuration(ConfigKey::Listen,
                                      QStringLiteral("http.listen"),
                                      QStringLiteral("Cannot listen on %1: %2")
                                          .arg(m_config.listenAddress().toString(), probe.errorString())));
            return;
        }
        const quint16 port = probe.serverPort();
        probe.close();
        m_config.set(ConfigKey::Listen,
                     hostPort(m_config.listenAddress(), port),
                     {Config::Source::CommandLine, QStringLiteral("a free port chosen at start")});
    }

    QString database = m_config.database();
    m_info.database = m_config.databaseForDisplay();
    if (!m_config.databaseIsShared()) {
        database = m_info.database = QFileInfo(database).absoluteFilePath();
        if (!QDir().mkpath(QFileInfo(database).absolutePath())) {
            fail(Error::configuration(ConfigKey::Database,
                                      QStringLiteral("store.open"),
                                      QStringLiteral("Cannot create the folder of %1").arg(database)));
            return;
        }
    }
    StoreOptions storeOptions;
    storeOptions.path = database;
    storeOptions.busyTimeoutMs = m_storeBusyTimeoutMs;
    storeOptions.webhookLogRetentionMs = m_config.webhookLogDays() * 24LL * 60 * 60 * 1000;
    m_store = new MessageStore(storeOptions, this);

    m_providers = new ProviderFactory(this);
    const Result<Provider*> provider = m_providers->create(m_config);
    if (!provider) {
        fail(provider.error());
        return;
    }
    ServiceOptions serviceOptions;
    serviceOptions.teamRole = m_teamRole;
    m_service = new WhatsAppService(m_config, m_store, *provider, serviceOptions, this);
    m_service->setProviderTraffic(m_providers->traffic());
    m_service->setSandboxContact(m_providers->sandboxContact());

    HttpApi::Options options;
    options.address = m_config.listenAddress();
    options.port = m_config.listenPort();
    options.bodyLimit = m_config.bodyLimit();
    options.apiToken = m_info.apiToken;
    options.apiTokenHint = m_info.apiTokenHint;
    if (m_config.provider() == Config::Provider::Twilio) {
        options.businessNumber = m_config.twilioWhatsAppNumber();
    }
    m_api = new HttpApi(m_service, options, this);

    m_service->start(this, [this](Result<void> result) {
        if (!result) {
            fail(result.error());
            return;
        }
        if (m_stopping) {
            return;
        }
        if (m_store->isShared() && m_teamRole == ServiceOptions::TeamRole::Console) {
            // The team's receivers own the webhooks and the API; a console only reads and writes.
            emit started(m_info);
            return;
        }
        const Result<quint16> port = m_api->listen();
        if (!port) {
            fail(port.error());
            return;
        }
        m_info.apiUrl = m_api->url();
        emit started(m_info);
    });
}

void ServiceHost::fail(const Error& error)
{
    qCWarning(lcService) << "cannot start:" << error.code << error.message;
    emit failed(error);
}

void ServiceHost::stop(int graceMs)
{
    if (m_stopping) {
        return;
    }
    m_stopping = true;
    if (!m_service) {
        finishStop();
        return;
    }
    qCInfo(lcService) << "stopping: no new requests; waiting for in-flight sends and commits";
    m_api->stopAccepting();
    m_grace = new QTimer(this);
    m_grace->setSingleShot(true);
    connect(m_grace, &QTimer::timeout, this, [this] {
        qCWarning(lcService) << "stopping without waiting any longer:" << m_api->owedAnswers() << "answers still owed";
        finishStop();
    });
    m_grace->start(graceMs);

    const auto maybeFinish = [this] {
        if (m_serviceStopped && m_api->owedAnswers() == 0) {
            finishStop();
        }
    };
    connect(m_api, &HttpApi::answersSettled, this, maybeFinish);
    m_service->stop(this, [this, maybeFinish] {
        m_serviceStopped = true;
        maybeFinish();
    });
}

void ServiceHost::finishStop()
{
    if (m_stopped) {
        return;
    }
    m_stopped = true;
    if (m_grace) {
        m_grace->stop();
    }
    emit stopped();
}

#pragma once

#include "app/config/Config.h"
#include "app/service/ServiceOptions.h"
#include "providers/Result.h"

#include <QObject>
#include <QString>
#include <QUrl>

class HttpApi;
class MessageStore;
class ProviderFactory;
class QTimer;
class WhatsAppService;

// What a started ServiceHost serves, for the console and the headless banner.
struct ServiceHostInfo
{
    QUrl apiUrl; // http://address:port; empty for a console on a team database (no receiver)
    QString database; // as it may be shown: a PostgreSQL URI without its password
    QString provider; // "sandbox", "twilio" or "direct"
    QString apiToken; // the bearer token in force (generated for this run when FLOWCHAT_API_TOKEN is empty)
    bool tokenGenerated = false;
    QString apiTokenHint; // where an operator finds the token (ApiTokenKeeper::whereToFind)
};

// The whole receiving and sending stack without a GUI: store, provider (ProviderFactory), service
// and HTTP API. Everything is built on this object's thread when start() runs: the console's
// ServiceThread moves a host to a thread of its own and queues start(); `flowchat --headless` runs
// one on the main thread.
class ServiceHost : public QObject
{
    Q_OBJECT
public:
    explicit ServiceHost(Config config, QObject* parent = nullptr);
    ~ServiceHost() override;

    // Opens the store, builds the provider and starts listening; emits started() or failed().
    void start();
    // Graceful: stops accepting, lets in-flight sends and commits finish, then emits stopped()
    // (also after `graceMs` if something never finishes).
    void stop(int graceMs = 15000);

    WhatsAppService* service() const; // null until started
    HttpApi* api() const;
    ServiceHostInfo info() const;

    // How long the store waits for another process's lock before a write fails (call before start()).
    void setStoreBusyTimeout(int ms);
    // The console's host says so before start(): on a shared database it then runs no receiver
    // and no outbox (ServiceOptions::TeamRole). Headless is a receiver.
    void setTeamRole(ServiceOptions::TeamRole role);

signals:
    void started(const ServiceHostInfo& info);
    void failed(const Error& error);
    void stopped();

private:
    void fail(const Error& error);
    void finishStop();

    Config m_config;
    ServiceHostInfo m_info;
    MessageStore* m_store = nullptr;
    ProviderFactory* m_providers = nullptr;
    WhatsAppService* m_service = nullptr;
    HttpApi* m_api = nullptr;
    QTimer* m_grace = nullptr;
    int m_storeBusyTimeoutMs = 5000;
    ServiceOptions::TeamRole m_teamRole = ServiceOptions::TeamRole::Receiver;
    bool m_stopping = false;
    bool m_serviceStopped = false;
    bool m_stopped = false;
};

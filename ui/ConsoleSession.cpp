#include "ui/ConsoleSession.h"

#include "app/headless/ServiceThread.h"
#include "app/service/ServiceClient.h"
#include "ui/MainWindow.h"
#include "ui/UiLogging.h"

#include <QTimer>

namespace
{

constexpr int kStartRetryMs = 5000;

} // namespace

ConsoleSession::ConsoleSession(ConfigSource loadConfig, SecretStore* secrets, QObject* parent)
    : QObject(parent)
    , m_loadConfig(std::move(loadConfig))
    , m_secrets(secrets)
{
}

ConsoleSession::~ConsoleSession()
{
    // The window reads through the client, and the client calls the service: in this order.
    m_window.reset();
    m_client.reset();
    m_service.reset();
}

void ConsoleSession::start()
{
    m_config = m_loadConfig();
    build();
}

void ConsoleSession::build()
{
    m_window = std::make_unique<MainWindow>(m_config);
    m_window->setSecretStore(m_secrets);
    connect(m_window.get(), &MainWindow::restartRequested, this, &ConsoleSession::restart);
    m_window->show();
    if (!m_config.validate().isEmpty()) {
        return;
    }
    startService();
}

void ConsoleSession::startService()
{
    m_service = std::make_unique<ServiceThread>(m_config);
    connect(m_service.get(), &ServiceThread::started, this, [this](const ServiceHostInfo&) {
        m_client = std::make_unique<ServiceClient>(m_service->service());
        m_window->attachService(m_client.get());
        emit serviceStarted();
    });
    connect(m_service.get(), &ServiceThread::failed, this, [this](const Error& error) {
        qCWarning(lcUi).noquote() << "the message service could not start:" << error.message;
        if (!m_config.databaseIsShared()) {
            m_window->showServiceProblem(error.message);
            return;
        }
        // A team's database that does not answer yet (server restarting, VPN not up): try again
        // by itself, as the console does once running.
        m_window->showServiceProblem(
            tr("%1\nFlowChat tries again every %n second(s).", nullptr, kStartRetryMs / 1000).arg(error.message));
        m_retryPending = true;
        QTimer::singleShot(kStartRetryMs, this, [this, attempt = m_service.get()] {
            if (!m_retryPending || m_service.get() != attempt) {
                return; // restarted or stopped meanwhile
            }
            stop([this] { startService(); });
        });
    });
    m_service->start();
}

void ConsoleSession::restart()
{
    if (m_restarting) {
        return;
    }
    m_restarting = true;
    qCInfo(lcUi) << "restarting the console with the saved settings";
    m_window->saveWindowState();
    m_window->showRestarting();
    stop([this] {
        // Deferred: the window may be in the middle of its own signal.
        QTimer::singleShot(0, this, [this] {
            m_window.reset();
            m_client.reset();
            m_config = m_loadConfig();
            build();
            m_restarting = false;
            emit restarted();
        });
    });
}

void ConsoleSession::stop(std::function<void()> done)
{
    m_retryPending = false;
    if (!m_service) {
        done();
        return;
    }
    if (m_client) {
        m_client->detach();
    }
    m_service->stop(5000, [this, done = std::move(done)] {
        // Leave the thread's own callback before deleting it.
        QTimer::singleShot(0, this, [this, done] {
            m_service.reset();
            done();
        });
    });
}

MainWindow* ConsoleSession::window() const
{
    return m_window.get();
}

ServiceClient* ConsoleSession::client() const
{
    return m_client.get();
}

const Config& ConsoleSession::config() const
{
    return m_config;
}

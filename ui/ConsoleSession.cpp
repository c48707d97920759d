#include "ui/ConsoleSession.h"

#include "app/headless/ServiceHost.h"
#include "ui/MainWindow.h"
#include "ui/UiLogging.h"

#include <QTimer>

ConsoleSession::ConsoleSession(ConfigSource loadConfig, SecretStore* secrets, QObject* parent)
    : QObject(parent)
    , m_loadConfig(std::move(loadConfig))
    , m_secrets(secrets)
{
}

ConsoleSession::~ConsoleSession()
{
    // The window reads the service's store: it goes first.
    m_window.reset();
    m_host.reset();
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
    m_host = std::make_unique<ServiceHost>(m_config);
    connect(m_host.get(), &ServiceHost::started, this, [this](const ServiceHostInfo&) {
        m_window->attachService(m_host->service());
        emit serviceStarted();
    });
    connect(m_host.get(), &ServiceHost::failed, this, [this](const Error& error) {
        qCWarning(lcUi).noquote() << "the message service could not start:" << error.message;
        m_window->showServiceProblem(error.message);
    });
    QTimer::singleShot(0, m_host.get(), &ServiceHost::start);
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
            m_config = m_loadConfig();
            build();
            m_restarting = false;
            emit restarted();
        });
    });
}

void ConsoleSession::stop(std::function<void()> done)
{
    if (!m_host) {
        done();
        return;
    }
    connect(m_host.get(), &ServiceHost::stopped, this, [this, done = std::move(done)] {
        // Leave the host's own signal before deleting it.
        QTimer::singleShot(0, this, [this, done] {
            m_host.reset();
            done();
        });
    });
    m_host->stop(5000);
}

MainWindow* ConsoleSession::window() const
{
    return m_window.get();
}

ServiceHost* ConsoleSession::host() const
{
    return m_host.get();
}

const Config& ConsoleSession::config() const
{
    return m_config;
}

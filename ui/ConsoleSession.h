#pragma once

#include "app/config/Config.h"

#include <QObject>

#include <functional>
#include <memory>

class MainWindow;
class SecretStore;
class ServiceClient;
class ServiceThread;

// The console's lifetime: one window and, when the configuration is valid, the service it shows:
// exactly what `--headless` runs, on its own thread (ServiceThread), reached through a
// ServiceClient. Settings ask for restart(): the service stops gracefully (unsent messages stay
// `pending` in the store and are queued again on start), then the configuration is read again and
// a new window and service are built on it.
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    using ConfigSource = std::function<Config()>;

    // `loadConfig` reads the configuration from its sources each time it is called.
    ConsoleSession(ConfigSource loadConfig, SecretStore* secrets, QObject* parent = nullptr);
    ~ConsoleSession() override;

    void start();
    void restart();
    // Graceful stop of the host (quit); `done` runs when it has stopped, at once without one.
    void stop(std::function<void()> done);

    MainWindow* window() const;
    // The console's handle on the running service; null until it started.
    ServiceClient* client() const;
    const Config& config() const;

signals:
    // The service is up and the window shows the console (also after each restart).
    void serviceStarted();
    void restarted();

private:
    void build();
    // The service for m_config, on its thread; on a team's database a failed start is tried
    // again every few seconds.
    void startService();

    ConfigSource m_loadConfig;
    SecretStore* m_secrets;
    Config m_config;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<ServiceClient> m_client; // goes after the window, which uses its reader
    std::unique_ptr<ServiceThread> m_service;
    bool m_restarting = false;
    bool m_retryPending = false; // a failed start on a team's database is tried again soon
};

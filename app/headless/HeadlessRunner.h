#pragma once

#include "app/config/Config.h"

#include <QObject>

class ServiceHost;
class UnixSignals;

// `flowchat --headless`: the ServiceHost on the main thread, no GUI. Logs go to stderr; stdout gets
// a short banner (the URL it listens on, the database, a generated API token) that scripts read.
// SIGTERM/SIGINT stop it gracefully and finished(0) follows.
class HeadlessRunner : public QObject
{
    Q_OBJECT
public:
    explicit HeadlessRunner(const Config& config, QObject* parent = nullptr);
    ~HeadlessRunner() override;

    void start();

signals:
    void finished(int exitCode);

private:
    void onStarted();
    void onTermination();

    ServiceHost* m_host;
    UnixSignals* m_signals;
    bool m_stopping = false;
};

#pragma once

#include <QObject>

// Turns SIGTERM and SIGINT into a Qt signal, through a socket pair: a signal handler may not
// touch Qt. Used by the emulator and by `flowchat --headless` to stop gracefully.
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject* parent = nullptr);

signals:
    void terminationRequested();
};

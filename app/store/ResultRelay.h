#pragma once

#include <QObject>

// Carries one store result back to its caller. Created on the caller's thread with a queued
// connection to the caller's context object, then moved to the writer thread, which emits
// ready() after COMMIT and deletes it. Qt drops the connection if the context dies first, so the
// writer never touches a dead receiver.
class ResultRelay : public QObject
{
    Q_OBJECT

signals:
    void ready();
};

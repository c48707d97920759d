#pragma once

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>

// Qt 6.4's QNetworkAccessManager runs at most six HTTP/1.1 requests per host at once and cannot
// be told otherwise, so a sender that wants more in flight spreads requests over several managers.
class NetworkPool : public QObject
{
    Q_OBJECT
public:
    // One manager per six requests wanted in flight, at least one.
    explicit NetworkPool(int concurrency = 6, QObject* parent = nullptr);

    QNetworkAccessManager* next();
    int size() const;

private:
    QList<QNetworkAccessManager*> m_managers;
    int m_next = 0;
};

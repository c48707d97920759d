#pragma once

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

class ProviderTraffic;

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

    // Requests through the next manager; each exchange is recorded in traffic() when one is set.
    QNetworkReply* get(const QNetworkRequest& request);
    QNetworkReply* post(const QNetworkRequest& request, const QByteArray& body);

    void setTraffic(ProviderTraffic* traffic); // not owned
    ProviderTraffic* traffic() const;

private:
    void watch(QNetworkReply* reply, const QByteArray& body);

    QList<QNetworkAccessManager*> m_managers;
    QPointer<ProviderTraffic> m_traffic;
    int m_next = 0;
};

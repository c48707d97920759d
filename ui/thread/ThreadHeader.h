#pragma once

#include "app/store/StoreTypes.h"

#include <QWidget>

#include <functional>

class QLabel;
class QTimer;

// Above the thread: who this is (name, number) and the 24-hour window in words.
class ThreadHeader : public QWidget
{
    Q_OBJECT
public:
    explicit ThreadHeader(QWidget* parent = nullptr);

    void setConversation(const ConversationSummary& summary);
    void setClock(std::function<qint64()> nowMs);
    QString windowText() const;
    // Team mode: "Ana is replying…" / "Ana is viewing" (empty: nobody else).
    void setPresence(const QString& text);
    QString presenceText() const;

    // "Window open — 17 h left", "Window open — 25 min left", "Window closed — templates only".
    static QString windowState(qint64 lastInboundAt, qint64 nowMs);

private:
    void refreshWindow();

    ConversationSummary m_summary;
    QLabel* m_name;
    QLabel* m_number;
    QLabel* m_window;
    QLabel* m_presence;
    QTimer* m_tick;
    std::function<qint64()> m_now;
};

#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

// What the thread area shows before a conversation is picked, so a first start is never an empty
// grey page. In the sandbox it says what the sandbox is and offers to have the sample customer
// write; with a real provider it points at the list and New conversation.
class WelcomePanel : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePanel(QWidget* parent = nullptr);

    void setSandbox(bool sandbox);
    QPushButton* newConversationButton() const;
    QPushButton* customerWritesButton() const;

signals:
    void newConversationRequested();
    void customerMessageRequested();

private:
    QLabel* m_title = nullptr;
    QLabel* m_text = nullptr;
    QPushButton* m_newConversation = nullptr;
    QPushButton* m_customerWrites = nullptr;
};

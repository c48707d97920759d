<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About FlowChat</source>
        <translation>Sobre o FlowChat</translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
    <message>
        <source>A desktop console for WhatsApp customer support through Twilio or Meta&apos;s Cloud API.</source>
        <translation>Um console de desktop para atendimento ao cliente no WhatsApp pelo Twilio ou pela Cloud API da Meta.</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versão %1</translation>
    </message>
    <message>
        <source>Qt %1 (built with Qt %2)</source>
        <translation>Qt %1 (compilado com o Qt %2)</translation>
    </message>
    <message>
        <source>Released under the MIT License. Copyright © 2026 the FlowChat authors.</source>
        <translation>Distribuído sob a Licença MIT. Copyright © 2026 os autores do FlowChat.</translation>
    </message>
    <message>
        <source>Homepage</source>
        <translation>Página inicial</translation>
    </message>
</context>
<context>
    <name>ApplicationLogModel</name>
    <message>
        <source>debug</source>
        <translation>depuração</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>aviso</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>crítico</translation>
    </message>
    <message>
        <source>fatal</source>
        <translation>fatal</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nível</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
</context>
<context>
    <name>BubbleDelegate</name>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>dddd, d MMMM</source>
        <translation>dddd, d &apos;de&apos; MMMM</translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <translation>d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation>Modelo: %1</translation>
    </message>
    <message>
        <source>%1 (code %2)</source>
        <translation>%1 (código %2)</translation>
    </message>
    <message>
        <source>Provider says: %1</source>
        <translation>Resposta do provedor: %1</translation>
    </message>
    <message>
        <source>Image not available — %1</source>
        <translation>Imagem indisponível — %1</translation>
    </message>
    <message>
        <source>Loading image…</source>
        <translation>Carregando imagem…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Tentar de novo</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Type a message — Enter sends, Shift+Enter for a new line</source>
        <translation>Digite uma mensagem — Enter envia, Shift+Enter quebra a linha</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Enviar mensagem</translation>
    </message>
    <message>
        <source>Characters used</source>
        <translation>Caracteres usados</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Não enviada: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Connecting to the message service…</source>
        <translation>Conectando ao serviço de mensagens…</translation>
    </message>
    <message>
        <source>WhatsApp accepts at most %1 characters.</source>
        <translation>O WhatsApp aceita no máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Attach media URL…</source>
        <translation>Anexar URL de mídia…</translation>
    </message>
    <message>
        <source>Attach an image, video, audio or document by its public URL</source>
        <translation>Anexe uma imagem, vídeo, áudio ou documento pela URL pública</translation>
    </message>
    <message>
        <source>Attach media URL</source>
        <translation>Anexar URL de mídia</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>Modelos…</translation>
    </message>
    <message>
        <source>Pick an approved template (Ctrl+T)</source>
        <translation>Escolha um modelo aprovado (Ctrl+T)</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opções</translation>
    </message>
    <message>
        <source>Composer options</source>
        <translation>Opções do editor</translation>
    </message>
    <message>
        <source>Enter sends (Shift+Enter for a new line)</source>
        <translation>Enter envia (Shift+Enter para nova linha)</translation>
    </message>
    <message>
        <source>Do not reply to this message</source>
        <translation>Não responder a esta mensagem</translation>
    </message>
    <message>
        <source>Cancel reply</source>
        <translation>Cancelar resposta</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>Respondendo a %1: %2</translation>
    </message>
    <message>
        <source>A media URL must start with https:// or http:// and name a host, such as https://example.com/invoice.pdf. WhatsApp downloads the file from there.</source>
        <translation>Uma URL de mídia deve começar com https:// ou http:// e indicar um host, como https://example.com/fatura.pdf. O WhatsApp baixa o arquivo de lá.</translation>
    </message>
    <message>
        <source>At most %1 attachments per message.</source>
        <translation>No máximo %1 anexos por mensagem.</translation>
    </message>
    <message>
        <source>Public URL of the image, video, audio or document:</source>
        <translation>URL pública da imagem, vídeo, áudio ou documento:</translation>
    </message>
    <message>
        <source>Public URL:</source>
        <translation>URL pública:</translation>
    </message>
    <message>
        <source>%1  ✕</source>
        <translation>%1  ✕</translation>
    </message>
    <message>
        <source>%1 — click to remove</source>
        <translation>%1 — clique para remover</translation>
    </message>
    <message>
        <source>Remove attachment %1</source>
        <translation>Remover anexo %1</translation>
    </message>
    <message>
        <source>Type a message — Ctrl+Enter sends, Enter for a new line</source>
        <translation>Digite uma mensagem — Ctrl+Enter envia, Enter para nova linha</translation>
    </message>
    <message>
        <source>The 24-hour window is closed: the customer has not written in the last 24 hours, so WhatsApp only accepts an approved template. Use Templates… (Ctrl+T) to reopen the conversation.</source>
        <translation>A janela de 24 horas está fechada: o cliente não escreveu nas últimas 24 horas, então o WhatsApp só aceita um modelo aprovado. Use Modelos… (Ctrl+T) para reabrir a conversa.</translation>
    </message>
    <message>
        <source>A caption holds at most %1 characters.</source>
        <translation>Uma legenda tem no máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Someone else is replying</source>
        <translation>Outra pessoa está respondendo</translation>
    </message>
    <message>
        <source>%1 is replying to this customer right now. Send yours anyway?</source>
        <translation>%1 está respondendo a este cliente agora mesmo. Enviar a sua mesmo assim?</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Enviar mesmo assim</translation>
    </message>
</context>
<context>
    <name>ConsolePage</name>
    <message>
        <source>The sample customer is writing to you…</source>
        <translation>O cliente de exemplo está escrevendo para você…</translation>
    </message>
</context>
<context>
    <name>ConsoleSession</name>
    <message numerus="yes">
        <source>%1
FlowChat tries again every %n second(s).</source>
        <translation>
            <numerusform>%1
O FlowChat tenta de novo a cada segundo.</numerusform>
            <numerusform>%1
O FlowChat tenta de novo a cada %n segundos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n não lida</numerusform>
            <numerusform>%1, %n não lidas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationListPanel</name>
    <message>
        <source>Search names, numbers and messages</source>
        <translation>Pesquisar nomes, números e mensagens</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Pesquisar conversas</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Não lidas</translation>
    </message>
    <message>
        <source>Window open</source>
        <translation>Janela aberta</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Mostrar %1</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversas</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Nenhuma conversa ainda.</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>Nenhum resultado.</translation>
    </message>
</context>
<context>
    <name>CopyableField</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copiar %1</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>Copiar para a área de transferência</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>CsvExportAction</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exportar conversa</translation>
    </message>
    <message>
        <source>Export failures</source>
        <translation>Exportar falhas</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exportando</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Gravando %1…</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Delivery dashboard</source>
        <translation>Painel de entregas</translation>
    </message>
    <message>
        <source>Outbound messages</source>
        <translation>Mensagens enviadas</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviadas</translation>
    </message>
    <message>
        <source>Delivery rate</source>
        <translation>Taxa de entrega</translation>
    </message>
    <message>
        <source>Read rate</source>
        <translation>Taxa de leitura</translation>
    </message>
    <message>
        <source>Median to delivered</source>
        <translation>Mediana até a entrega</translation>
    </message>
    <message>
        <source>Median to read</source>
        <translation>Mediana até a leitura</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>No messages were sent in this period. Send one and it shows up here.</source>
        <translation>Nenhuma mensagem foi enviada neste período. Envie uma e ela aparece aqui.</translation>
    </message>
    <message>
        <source>Why messages failed</source>
        <translation>Por que as mensagens falharam</translation>
    </message>
    <message>
        <source>Failure reasons</source>
        <translation>Motivos das falhas</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provedor</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>O que significa</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Quantidade</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Visto por último</translation>
    </message>
    <message>
        <source>Export failures…</source>
        <translation>Exportar falhas…</translation>
    </message>
    <message>
        <source>Could not read the message store: %1</source>
        <translation>Não foi possível ler o armazenamento de mensagens: %1</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lidas</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregues</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconhecido</translation>
    </message>
    <message>
        <source>Hour (local time)</source>
        <translation>Hora (horário local)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nenhum)</translation>
    </message>
    <message>
        <source>Export failures</source>
        <translation>Exportar falhas</translation>
    </message>
</context>
<context>
    <name>DatabaseSettings</name>
    <message>
        <source>Require an encrypted connection (TLS)</source>
        <translation>Exigir uma conexão criptografada (TLS)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testar a conexão</translation>
    </message>
    <message>
        <source>On this computer (a file)</source>
        <translation>Neste computador (um arquivo)</translation>
    </message>
    <message>
        <source>Shared with the team (PostgreSQL)</source>
        <translation>Compartilhado com a equipe (PostgreSQL)</translation>
    </message>
    <message>
        <source>Where the message history lives</source>
        <translation>Onde fica o histórico de mensagens</translation>
    </message>
    <message>
        <source>your database user</source>
        <translation>seu usuário do banco de dados</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Porta:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Banco de dados:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuário:</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando a %1…</translation>
    </message>
    <message>
        <source>A password typed below is kept in the system keychain, never in the address; left empty, PostgreSQL&apos;s own ~/.pgpass file or PGPASSWORD provides it.</source>
        <translation>Uma senha digitada abaixo é guardada no chaveiro do sistema, nunca no endereço; se ficar vazia, o arquivo ~/.pgpass do PostgreSQL ou PGPASSWORD a fornece.</translation>
    </message>
</context>
<context>
    <name>DiagnoseWebhooksDialog</name>
    <message>
        <source>Diagnose webhooks</source>
        <translation>Diagnosticar webhooks</translation>
    </message>
    <message>
        <source>FlowChat checks the settings, the provider, the local receiver, the public URL and the webhooks refused lately.</source>
        <translation>O FlowChat verifica as configurações, o provedor, o receptor local, a URL pública e os webhooks recusados recentemente.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Verificações</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>Executar novamente</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Passou</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>Every check passed: webhooks can reach FlowChat.</source>
        <translation>Todas as verificações passaram: os webhooks chegam ao FlowChat.</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed. The lines under each red mark say how to fix it.</source>
        <translation>
            <numerusform>%n verificação falhou. As linhas sob cada marca vermelha dizem como corrigir.</numerusform>
            <numerusform>%n verificações falharam. As linhas sob cada marca vermelha dizem como corrigir.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogsDock</name>
    <message>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Aplicativo</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Lowest level shown</source>
        <translation>Nível mais baixo exibido</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Depuração e acima</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info e acima</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avisos e erros</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Somente erros</translation>
    </message>
    <message>
        <source>Category, e.g. flowchat.outbox</source>
        <translation>Categoria, ex.: flowchat.outbox</translation>
    </message>
    <message>
        <source>Category filter</source>
        <translation>Filtro de categoria</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Pesquisar no registro</translation>
    </message>
    <message>
        <source>Webhooks received</source>
        <translation>Webhooks recebidos</translation>
    </message>
    <message>
        <source>Choose a webhook to see its headers and payload.</source>
        <translation>Escolha um webhook para ver os cabeçalhos e o conteúdo.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Reprocessar</translation>
    </message>
    <message>
        <source>Parse and store this webhook again. Safe: messages and statuses are never stored twice.</source>
        <translation>Analisa e grava este webhook de novo. É seguro: mensagens e status nunca são gravados duas vezes.</translation>
    </message>
    <message>
        <source>Could not read the webhook log: %1</source>
        <translation>Não foi possível ler o registro de webhooks: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <source>Replaying…</source>
        <translation>Reprocessando…</translation>
    </message>
    <message>
        <source>Replay failed: %1</source>
        <translation>Falha ao reprocessar: %1</translation>
    </message>
    <message>
        <source>Replayed: stored again (nothing is ever stored twice).</source>
        <translation>Reprocessado: gravado de novo (nada é gravado duas vezes).</translation>
    </message>
    <message>
        <source>Replayed, and refused again: %1</source>
        <translation>Reprocessado e recusado de novo: %1</translation>
    </message>
    <message>
        <source>Provider requests</source>
        <translation>Requisições ao provedor</translation>
    </message>
    <message>
        <source>Application log</source>
        <translation>Log do aplicativo</translation>
    </message>
    <message>
        <source>No webhooks received yet. The provider posts them to /api/whatsapp/webhook at FlowChat&apos;s public address (FLOWCHAT_PUBLIC_URL); Help &gt; Diagnose webhooks checks the way in.</source>
        <translation>Nenhum webhook recebido ainda. O provedor os envia para /api/whatsapp/webhook no endereço público do FlowChat (FLOWCHAT_PUBLIC_URL); Ajuda &gt; Diagnosticar webhooks verifica o caminho de entrada.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sandbox emulator</source>
        <translation>Emulador de testes</translation>
    </message>
    <message>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <source>Meta Cloud API</source>
        <translation>Cloud API da Meta</translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>Caixa de saída: %n aguardando</numerusform>
            <numerusform>Caixa de saída: %n aguardando</numerusform>
        </translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL do webhook</translation>
    </message>
    <message>
        <source>not set (FLOWCHAT_PUBLIC_URL)</source>
        <translation>não definida (FLOWCHAT_PUBLIC_URL)</translation>
    </message>
    <message>
        <source>Webhook refused — diagnose</source>
        <translation>Webhook recusado — diagnosticar</translation>
    </message>
    <message>
        <source>A webhook was refused: %1</source>
        <translation>Um webhook foi recusado: %1</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Conversa anterior</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Próxima conversa</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Pesquisar conversas</translation>
    </message>
    <message>
        <source>Sandbox mode: nothing reaches WhatsApp</source>
        <translation>Modo de testes: nada chega ao WhatsApp</translation>
    </message>
    <message>
        <source>Messages go to a built-in emulator. Set WHATSAPP_PROVIDER to twilio or direct to reach real customers.</source>
        <translation>As mensagens vão para um emulador embutido. Defina WHATSAPP_PROVIDER como twilio ou direct para falar com clientes reais.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Seguir o &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>C&amp;laro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Escuro</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>&amp;Registros</translation>
    </message>
    <message>
        <source>Delivery &amp;dashboard</source>
        <translation>&amp;Painel de entregas</translation>
    </message>
    <message>
        <source>&amp;Export conversation to CSV…</source>
        <translation>&amp;Exportar conversa para CSV…</translation>
    </message>
    <message>
        <source>&amp;Template test bench…</source>
        <translation>Bancada de teste de &amp;modelos…</translation>
    </message>
    <message>
        <source>&amp;Sync templates from the provider</source>
        <translation>&amp;Sincronizar modelos do provedor</translation>
    </message>
    <message>
        <source>Syncing templates…</source>
        <translation>Sincronizando modelos…</translation>
    </message>
    <message numerus="yes">
        <source>%n template(s) synced</source>
        <translation>
            <numerusform>%n modelo sincronizado</numerusform>
            <numerusform>%n modelos sincronizados</numerusform>
        </translation>
    </message>
    <message>
        <source>Template sync failed: %1</source>
        <translation>Falha ao sincronizar modelos: %1</translation>
    </message>
    <message>
        <source>&amp;Check the provider now</source>
        <translation>&amp;Verificar o provedor agora</translation>
    </message>
    <message>
        <source>&amp;Resume sending</source>
        <translation>&amp;Retomar envio</translation>
    </message>
    <message>
        <source>Sending pauses itself when the provider refuses our credentials.</source>
        <translation>O envio pausa sozinho quando o provedor recusa nossas credenciais.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) exported to %1</source>
        <translation>
            <numerusform>%n mensagem exportada para %1</numerusform>
            <numerusform>%n mensagens exportadas para %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n waiting — paused (Tools &gt; Resume sending)</source>
        <translation>
            <numerusform>Fila de saída: %n aguardando — pausada (Ferramentas &gt; Retomar envio)</numerusform>
            <numerusform>Fila de saída: %n aguardando — pausada (Ferramentas &gt; Retomar envio)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>&amp;Diagnose webhooks…</source>
        <translation>&amp;Diagnosticar webhooks…</translation>
    </message>
    <message>
        <source>&amp;About FlowChat</source>
        <translation>&amp;Sobre o FlowChat</translation>
    </message>
    <message>
        <source>Status timeline</source>
        <translation>Linha do tempo de status</translation>
    </message>
    <message>
        <source>&amp;New conversation…</source>
        <translation>&amp;Nova conversa…</translation>
    </message>
    <message>
        <source>Could not open the conversation: %1</source>
        <translation>Não foi possível abrir a conversa: %1</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <source>Go to conversation</source>
        <translation>Ir para a conversa</translation>
    </message>
    <message>
        <source>Close panels</source>
        <translation>Fechar painéis</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>A exportação falhou: %1</translation>
    </message>
    <message>
        <source>Sending: by the team&apos;s receiver</source>
        <translation>Envio: feito pelo receptor da equipe</translation>
    </message>
    <message>
        <source>Sending: no sender running</source>
        <translation>Envio: nenhum remetente em execução</translation>
    </message>
    <message>
        <source>FlowChat — %1</source>
        <translation>FlowChat — %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>MessageMenu</name>
    <message>
        <source>Copy text</source>
        <translation>Copiar texto</translation>
    </message>
    <message>
        <source>Sending the message again.</source>
        <translation>Enviando a mensagem de novo.</translation>
    </message>
    <message>
        <source>Could not send it again: %1</source>
        <translation>Não foi possível enviar de novo: %1</translation>
    </message>
    <message>
        <source>Marked as not sent; it will not be sent again.</source>
        <translation>Marcada como não enviada; não será enviada de novo.</translation>
    </message>
    <message>
        <source>Could not dismiss it: %1</source>
        <translation>Não foi possível descartar: %1</translation>
    </message>
    <message>
        <source>Show status timeline</source>
        <translation>Mostrar linha do tempo de status</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Tentar de novo</translation>
    </message>
    <message>
        <source>Resend (the customer may get it twice)</source>
        <translation>Reenviar (o cliente pode recebê-la duas vezes)</translation>
    </message>
    <message>
        <source>Dismiss (treat as not sent)</source>
        <translation>Descartar (tratar como não enviada)</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Downloading the attachment…</source>
        <translation>Baixando o anexo…</translation>
    </message>
    <message>
        <source>Could not open the attachment: %1</source>
        <translation>Não foi possível abrir o anexo: %1</translation>
    </message>
    <message>
        <source>Open map</source>
        <translation>Abrir mapa</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
</context>
<context>
    <name>NewConversationDialog</name>
    <message>
        <source>New conversation</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <source>The customer&apos;s WhatsApp number, with the country code:</source>
        <translation>O número de WhatsApp do cliente, com o código do país:</translation>
    </message>
    <message>
        <source>WhatsApp number</source>
        <translation>Número de WhatsApp</translation>
    </message>
    <message>
        <source>+55 11 91234-5678</source>
        <translation>+55 11 91234-5678</translation>
    </message>
    <message>
        <source>Outside the 24-hour window only templates can be sent; the customer&apos;s reply opens it.</source>
        <translation>Fora da janela de 24 horas só é possível enviar modelos; a resposta do cliente abre a janela.</translation>
    </message>
    <message>
        <source>Open conversation</source>
        <translation>Abrir conversa</translation>
    </message>
    <message>
        <source>Type the number, starting with + and the country code.</source>
        <translation>Digite o número, começando com + e o código do país.</translation>
    </message>
    <message>
        <source>Start with + and the country code, for example +55 for Brazil.</source>
        <translation>Comece com + e o código do país, por exemplo +55 para o Brasil.</translation>
    </message>
</context>
<context>
    <name>PresenceBoard</name>
    <message>
        <source>%1 is replying…</source>
        <translation>%1 está respondendo…</translation>
    </message>
    <message>
        <source>%1 are replying…</source>
        <translation>%1 estão respondendo…</translation>
    </message>
    <message>
        <source>%1 is viewing</source>
        <translation>%1 está vendo</translation>
    </message>
    <message>
        <source>%1 are viewing</source>
        <translation>%1 estão vendo</translation>
    </message>
</context>
<context>
    <name>ProviderExchangeModel</name>
    <message>
        <source>no answer</source>
        <translation>sem resposta</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Requisição</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Duração</translation>
    </message>
</context>
<context>
    <name>ProviderHealth</name>
    <message>
        <source>No provider is configured</source>
        <translation>Nenhum provedor configurado</translation>
    </message>
</context>
<context>
    <name>ProviderStatusLabel</name>
    <message>
        <source>checking…</source>
        <translation>verificando…</translation>
    </message>
    <message>
        <source>answering</source>
        <translation>respondendo</translation>
    </message>
    <message>
        <source>refuses our credentials</source>
        <translation>recusa nossas credenciais</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>sem resposta</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The provider answered the last check.</source>
        <translation>O provedor respondeu à última verificação.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Cartão de contato</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Reação</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>📷 Photo</source>
        <translation>📷 Foto</translation>
    </message>
    <message>
        <source>🎤 Audio</source>
        <translation>🎤 Áudio</translation>
    </message>
    <message>
        <source>🎬 Video</source>
        <translation>🎬 Vídeo</translation>
    </message>
    <message>
        <source>📄 Document</source>
        <translation>📄 Documento</translation>
    </message>
    <message>
        <source>📄 %1</source>
        <translation>📄 %1</translation>
    </message>
    <message>
        <source>📍 Location %1, %2</source>
        <translation>📍 Localização %1, %2</translation>
    </message>
    <message>
        <source>👤 Contact card</source>
        <translation>👤 Cartão de contato</translation>
    </message>
    <message>
        <source>Reacted %1</source>
        <translation>Reagiu com %1</translation>
    </message>
    <message>
        <source>A message FlowChat cannot show</source>
        <translation>Uma mensagem que o FlowChat não consegue exibir</translation>
    </message>
    <message>
        <source>Could not write the file: %1</source>
        <translation>Não foi possível gravar o arquivo: %1</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>Não foi possível abrir %1: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Não foi possível gravar %1: %2</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>A exportação foi cancelada.</translation>
    </message>
</context>
<context>
    <name>QuickJumpDialog</name>
    <message>
        <source>Go to conversation</source>
        <translation>Ir para a conversa</translation>
    </message>
    <message>
        <source>Name, number or message text — Enter opens</source>
        <translation>Nome, número ou texto da mensagem — Enter abre</translation>
    </message>
</context>
<context>
    <name>RequestInspector</name>
    <message>
        <source>(no body)</source>
        <translation>(sem corpo)</translation>
    </message>
    <message>
        <source>Filter by path, status or body text</source>
        <translation>Filtrar por caminho, status ou texto do corpo</translation>
    </message>
    <message>
        <source>Filter provider requests</source>
        <translation>Filtrar requisições ao provedor</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>Provider requests</source>
        <translation>Requisições ao provedor</translation>
    </message>
    <message>
        <source>Request and response</source>
        <translation>Requisição e resposta</translation>
    </message>
    <message>
        <source>Select a request to see what was sent and what the provider answered. Tokens and secrets are masked.</source>
        <translation>Selecione uma requisição para ver o que foi enviado e o que o provedor respondeu. Tokens e segredos ficam ocultos.</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>Sem resposta: %1</translation>
    </message>
    <message>
        <source>HTTP %1 after %2 ms</source>
        <translation>HTTP %1 após %2 ms</translation>
    </message>
    <message>
        <source>(cut at %1 KiB)</source>
        <translation>(cortado em %1 KiB)</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>Secrets are kept in the system keychain.</source>
        <translation>Os segredos ficam no chaveiro do sistema.</translation>
    </message>
    <message>
        <source>No system keychain answered, so secrets are kept in %1, which only you can read.</source>
        <translation>Nenhum chaveiro do sistema respondeu, então os segredos ficam em %1, que só você pode ler.</translation>
    </message>
    <message>
        <source>Could not remove %1</source>
        <translation>Não foi possível remover %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Não foi possível gravar %1: %2</translation>
    </message>
</context>
<context>
    <name>ServiceClient</name>
    <message>
        <source>The message service is restarting; try again in a moment.</source>
        <translation>O serviço de mensagens está reiniciando; tente novamente em instantes.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Greyed-out values are set by %1 and win over what is saved here; change them there.</source>
        <translation>Os valores em cinza vêm de %1 e prevalecem sobre o que for salvo aqui; altere-os lá.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> e </translation>
    </message>
    <message>
        <source>Save and restart</source>
        <translation>Salvar e reiniciar</translation>
    </message>
    <message>
        <source>Saves the settings and restarts the message service. Unsent messages stay queued.</source>
        <translation>Salva as configurações e reinicia o serviço de mensagens. As mensagens não enviadas continuam na fila.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provedor</translation>
    </message>
    <message>
        <source>Sandbox (no account needed)</source>
        <translation>Sandbox (sem conta)</translation>
    </message>
    <message>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <source>Meta WhatsApp Cloud API (direct)</source>
        <translation>API de Nuvem do WhatsApp da Meta (direta)</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Provedor:</translation>
    </message>
    <message>
        <source>Set by %1; change it there.</source>
        <translation>Definido por %1; altere lá.</translation>
    </message>
    <message>
        <source>Messages go to a simulated customer on this computer. Nothing leaves it, and no account is needed.</source>
        <translation>As mensagens vão para um cliente simulado neste computador. Nada sai dele, e nenhuma conta é necessária.</translation>
    </message>
    <message>
        <source>Account SID:</source>
        <translation>Account SID:</translation>
    </message>
    <message>
        <source>Auth token:</source>
        <translation>Auth token:</translation>
    </message>
    <message>
        <source>WhatsApp sender:</source>
        <translation>Remetente do WhatsApp:</translation>
    </message>
    <message>
        <source>Graph API URL:</source>
        <translation>URL da Graph API:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Token de acesso:</translation>
    </message>
    <message>
        <source>Phone number ID:</source>
        <translation>ID do número de telefone:</translation>
    </message>
    <message>
        <source>Business account ID:</source>
        <translation>ID da conta comercial:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Testar conexão</translation>
    </message>
    <message>
        <source>Asks the provider for its message templates with the values above.</source>
        <translation>Pede ao provedor os modelos de mensagem usando os valores acima.</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Public URL:</source>
        <translation>URL pública:</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Gerar</translation>
    </message>
    <message>
        <source>Verify token:</source>
        <translation>Token de verificação:</translation>
    </message>
    <message>
        <source>App secret:</source>
        <translation>Segredo do app:</translation>
    </message>
    <message>
        <source>Local service</source>
        <translation>Serviço local</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>Escutar em:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>API token:</source>
        <translation>Token da API:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Arquivo do banco de dados</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db)</source>
        <translation>Bancos de dados SQLite (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Show or hide</source>
        <translation>Mostrar ou ocultar</translation>
    </message>
    <message>
        <source>Also wrong, outside this dialog:</source>
        <translation>Também errado, fora desta janela:</translation>
    </message>
    <message>
        <source>Fix the fields marked in red first.</source>
        <translation>Corrija primeiro os campos marcados em vermelho.</translation>
    </message>
    <message>
        <source>Cannot test: %1</source>
        <translation>Não é possível testar: %1</translation>
    </message>
    <message>
        <source>Asking the provider…</source>
        <translation>Consultando o provedor…</translation>
    </message>
    <message numerus="yes">
        <source>The provider answered: %n template(s).</source>
        <translation>
            <numerusform>O provedor respondeu: %n modelo.</numerusform>
            <numerusform>O provedor respondeu: %n modelos.</numerusform>
        </translation>
    </message>
    <message>
        <source>The provider refused: %1</source>
        <translation>O provedor recusou: %1</translation>
    </message>
    <message>
        <source>The provider refused: %1 (%2)</source>
        <translation>O provedor recusou: %1 (%2)</translation>
    </message>
    <message>
        <source>Secrets were not saved: %1</source>
        <translation>Os segredos não foram salvos: %1</translation>
    </message>
    <message>
        <source>needed when the URL ends in the version</source>
        <translation>necessário quando a URL termina na versão</translation>
    </message>
    <message>
        <source>%1, from the Graph API URL</source>
        <translation>%1, tirado da URL da Graph API</translation>
    </message>
    <message>
        <source>generated once and kept with the secrets</source>
        <translation>gerado uma vez e guardado com os segredos</translation>
    </message>
    <message>
        <source>Either the whole send URL, …/v23.0/&lt;phone-number-id&gt;/messages, or the base, …/v23.0, with the phone number ID below.</source>
        <translation>Ou a URL de envio completa, …/v23.0/&lt;phone-number-id&gt;/messages, ou a base, …/v23.0, com o ID do número de telefone abaixo.</translation>
    </message>
    <message>
        <source>Message history</source>
        <translation>Histórico de mensagens</translation>
    </message>
    <message>
        <source>Kept:</source>
        <translation>Guardado:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Banco de dados:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Seu nome:</translation>
    </message>
    <message>
        <source>Shown to the other agents of a team, and on what you send.</source>
        <translation>Mostrado aos outros agentes da equipe e no que você envia.</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Senha:</translation>
    </message>
    <message>
        <source>empty: ~/.pgpass or PGPASSWORD</source>
        <translation>vazia: ~/.pgpass ou PGPASSWORD</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Starting the message service…</source>
        <translation>Iniciando o serviço de mensagens…</translation>
    </message>
    <message>
        <source>FlowChat cannot start until the problems below are fixed.</source>
        <translation>O FlowChat não pode iniciar até que os problemas abaixo sejam corrigidos.</translation>
    </message>
    <message>
        <source>Open &amp;settings…</source>
        <translation>Abrir &amp;configurações…</translation>
    </message>
    <message>
        <source>Restarting the message service with the new settings… Unsent messages stay queued.</source>
        <translation>Reiniciando o serviço de mensagens com as novas configurações… As mensagens não enviadas continuam na fila.</translation>
    </message>
    <message>
        <source>The message service could not start: %1</source>
        <translation>Não foi possível iniciar o serviço de mensagens: %1</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Configuração</translation>
    </message>
    <message>
        <source>not recognised (see the problems below)</source>
        <translation>não reconhecido (veja os problemas abaixo)</translation>
    </message>
    <message>
        <source>Sandbox (built-in emulator)</source>
        <translation>Testes (emulador embutido)</translation>
    </message>
    <message>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <source>Meta WhatsApp Cloud API (direct)</source>
        <translation>WhatsApp Cloud API da Meta (direct)</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Provedor:</translation>
    </message>
    <message>
        <source>Message store:</source>
        <translation>Banco de mensagens:</translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation>Escutando em:</translation>
    </message>
    <message>
        <source>Webhook URL:</source>
        <translation>URL do webhook:</translation>
    </message>
    <message>
        <source>not set (FLOWCHAT_PUBLIC_URL)</source>
        <translation>não definida (FLOWCHAT_PUBLIC_URL)</translation>
    </message>
    <message>
        <source>.env file:</source>
        <translation>Arquivo .env:</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>nenhum encontrado</translation>
    </message>
    <message>
        <source>Configuration problems</source>
        <translation>Problemas de configuração</translation>
    </message>
    <message>
        <source>No configuration problems.</source>
        <translation>Nenhum problema de configuração.</translation>
    </message>
    <message>
        <source>Problem with %1</source>
        <translation>Problema em %1</translation>
    </message>
    <message>
        <source>Warning about %1</source>
        <translation>Aviso sobre %1</translation>
    </message>
    <message>
        <source>FlowChat works, but check the warnings above.</source>
        <translation>O FlowChat funciona, mas verifique os avisos acima.</translation>
    </message>
    <message>
        <source>Fix these in your .env file or environment, then start FlowChat again.</source>
        <translation>Corrija esses itens no seu arquivo .env ou no ambiente e inicie o FlowChat novamente.</translation>
    </message>
</context>
<context>
    <name>StatusTicks</name>
    <message>
        <source>Waiting to send</source>
        <translation>Aguardando envio</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Queued by the provider</source>
        <translation>Na fila do provedor</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregue</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lida</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Não entregue</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Resultado desconhecido</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recebida</translation>
    </message>
</context>
<context>
    <name>StatusTimelinePanel</name>
    <message>
        <source>Status timeline</source>
        <translation>Linha do tempo de status</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Fechar (Esc)</translation>
    </message>
    <message>
        <source>Close the status timeline</source>
        <translation>Fechar a linha do tempo de status</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the provider&apos;s message id</source>
        <translation>Copiar o id da mensagem no provedor</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Provider said</source>
        <translation>O provedor disse</translation>
    </message>
    <message>
        <source>Status timeline: %1</source>
        <translation>Linha do tempo de status: %1</translation>
    </message>
    <message>
        <source>Status timeline: “%1”</source>
        <translation>Linha do tempo de status: “%1”</translation>
    </message>
    <message>
        <source>Not accepted by the provider yet: no provider message id.</source>
        <translation>Ainda não aceita pelo provedor: sem id de mensagem do provedor.</translation>
    </message>
    <message>
        <source>%1 id: %2</source>
        <translation>id %1: %2</translation>
    </message>
    <message>
        <source>created</source>
        <translation>criada</translation>
    </message>
    <message>
        <source>stored by FlowChat</source>
        <translation>gravada pelo FlowChat</translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <translation>Erro %1: %2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
</context>
<context>
    <name>TeamBanner</name>
    <message>
        <source>The team&apos;s database does not answer</source>
        <translation>O banco de dados da equipe não responde</translation>
    </message>
    <message>
        <source>Check that the PostgreSQL server is running and that this computer can reach it (network, VPN, firewall). Your drafts are kept, and FlowChat reconnects by itself.</source>
        <translation>Verifique se o servidor PostgreSQL está em execução e se este computador consegue alcançá-lo (rede, VPN, firewall). Seus rascunhos são mantidos e o FlowChat se reconecta sozinho.</translation>
    </message>
    <message>
        <source>No sender is running: messages you send wait as pending</source>
        <translation>Nenhum remetente em execução: as mensagens que você envia aguardam como pendentes</translation>
    </message>
    <message>
        <source>A FlowChat receiver on the team&apos;s database sends for everyone (flowchat --headless). Start one, and everything waiting goes out.</source>
        <translation>Um receptor do FlowChat no banco de dados da equipe envia por todos (flowchat --headless). Inicie um e tudo o que está aguardando será enviado.</translation>
    </message>
</context>
<context>
    <name>TeamWatch</name>
    <message>
        <source>Cannot reach the team database %1: %2</source>
        <translation>Não é possível alcançar o banco de dados da equipe %1: %2</translation>
    </message>
</context>
<context>
    <name>TemplateBench</name>
    <message>
        <source>Template test bench</source>
        <translation>Bancada de teste de modelos</translation>
    </message>
    <message>
        <source>Search templates</source>
        <translation>Pesquisar modelos</translation>
    </message>
    <message>
        <source>Approval status</source>
        <translation>Status de aprovação</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Refresh from the provider</source>
        <translation>Atualizar a partir do provedor</translation>
    </message>
    <message>
        <source>Choose a template on the left.</source>
        <translation>Escolha um modelo à esquerda.</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Prévia</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Enviar para</translation>
    </message>
    <message>
        <source>Test number:</source>
        <translation>Número de teste:</translation>
    </message>
    <message>
        <source>Test number</source>
        <translation>Número de teste</translation>
    </message>
    <message>
        <source>+55 11 91234 5678</source>
        <translation>+55 11 91234 5678</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>The open conversation: %1</source>
        <translation>A conversa aberta: %1</translation>
    </message>
    <message>
        <source>The open conversation (none)</source>
        <translation>A conversa aberta (nenhuma)</translation>
    </message>
    <message>
        <source>Could not read the templates: %1</source>
        <translation>Não foi possível ler os modelos: %1</translation>
    </message>
    <message>
        <source>No templates synced yet. Refresh to fetch them from the provider.</source>
        <translation>Nenhum modelo sincronizado ainda. Atualize para buscá-los no provedor.</translation>
    </message>
    <message numerus="yes">
        <source>%n template(s)</source>
        <translation>
            <numerusform>%n modelo</numerusform>
            <numerusform>%n modelos</numerusform>
        </translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Qualquer status</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>Qualquer categoria</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Qualquer idioma</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Atualizando…</translation>
    </message>
    <message>
        <source>The provider refused the refresh: %1</source>
        <translation>O provedor recusou a atualização: %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>no category</source>
        <translation>sem categoria</translation>
    </message>
    <message>
        <source>status unknown</source>
        <translation>status desconhecido</translation>
    </message>
    <message>
        <source>Value for {{%1}}</source>
        <translation>Valor para {{%1}}</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>ex.: %1</translation>
    </message>
    <message>
        <source>{{%1}} in the body</source>
        <translation>{{%1}} no corpo</translation>
    </message>
    <message>
        <source>This template has no parameters.</source>
        <translation>Este modelo não tem parâmetros.</translation>
    </message>
    <message>
        <source>The message service is not running.</source>
        <translation>O serviço de mensagens não está em execução.</translation>
    </message>
    <message>
        <source>Choose a template to send.</source>
        <translation>Escolha um modelo para enviar.</translation>
    </message>
    <message>
        <source>This template is %1: only approved templates can be sent.</source>
        <translation>Este modelo está %1: só modelos aprovados podem ser enviados.</translation>
    </message>
    <message>
        <source>not approved</source>
        <translation>não aprovado</translation>
    </message>
    <message>
        <source>Fill in %1.</source>
        <translation>Preencha %1.</translation>
    </message>
    <message>
        <source>No conversation is open: choose the test number.</source>
        <translation>Nenhuma conversa aberta: escolha o número de teste.</translation>
    </message>
    <message>
        <source>Enter a test number.</source>
        <translation>Informe um número de teste.</translation>
    </message>
    <message>
        <source>Test number: %1</source>
        <translation>Número de teste: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Não enviada: %1</translation>
    </message>
    <message>
        <source>Not sent (%1): %2</source>
        <translation>Não enviada (%1): %2</translation>
    </message>
    <message>
        <source>Queued as message %1; watch its ticks in the conversation.</source>
        <translation>Na fila como mensagem %1; acompanhe os tiques na conversa.</translation>
    </message>
    <message>
        <source>The %1 header is part of the Twilio content template and is sent as approved.</source>
        <translation>O cabeçalho de %1 faz parte do modelo de conteúdo da Twilio e é enviado como aprovado.</translation>
    </message>
    <message>
        <source>Header %1 URL</source>
        <translation>URL do %1 do cabeçalho</translation>
    </message>
    <message>
        <source>https://… the %1 WhatsApp shows above the text</source>
        <translation>https://… o %1 que o WhatsApp mostra acima do texto</translation>
    </message>
    <message>
        <source>Header %1:</source>
        <translation>Cabeçalho (%1):</translation>
    </message>
    <message>
        <source>the header&apos;s file</source>
        <translation>o arquivo do cabeçalho</translation>
    </message>
    <message>
        <source>The header&apos;s file must be an https:// or http:// URL.</source>
        <translation>O arquivo do cabeçalho deve ser uma URL https:// ou http://.</translation>
    </message>
</context>
<context>
    <name>TemplateListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <translation>%1 (%2) — %3</translation>
    </message>
</context>
<context>
    <name>TemplatePreview</name>
    <message>
        <source>Preview of the message</source>
        <translation>Prévia da mensagem</translation>
    </message>
    <message>
        <source>[%1 header]</source>
        <translation>[cabeçalho de %1]</translation>
    </message>
    <message>
        <source>[%1: %2]</source>
        <translation>[%1: %2]</translation>
    </message>
</context>
<context>
    <name>ThreadHeader</name>
    <message>
        <source>Contact name</source>
        <translation>Nome do contato</translation>
    </message>
    <message>
        <source>Contact number</source>
        <translation>Número do contato</translation>
    </message>
    <message>
        <source>24-hour window</source>
        <translation>Janela de 24 horas</translation>
    </message>
    <message>
        <source>Window closed — templates only</source>
        <translation>Janela fechada — apenas modelos</translation>
    </message>
    <message numerus="yes">
        <source>Window open — %n h left</source>
        <translation>
            <numerusform>Janela aberta — falta %n h</numerusform>
            <numerusform>Janela aberta — faltam %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Window open — %n min left</source>
        <translation>
            <numerusform>Janela aberta — falta %n min</numerusform>
            <numerusform>Janela aberta — faltam %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>No conversation selected</source>
        <translation>Nenhuma conversa selecionada</translation>
    </message>
    <message>
        <source>Other agents here</source>
        <translation>Outros agentes aqui</translation>
    </message>
</context>
<context>
    <name>ThreadModel</name>
    <message>
        <source>Received: %1</source>
        <translation>Recebida: %1</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>Enviada: %1</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Resultado desconhecido</translation>
    </message>
    <message>
        <source>The request may have reached WhatsApp. Resend it or dismiss it.</source>
        <translation>A solicitação pode ter chegado ao WhatsApp. Reenvie ou descarte.</translation>
    </message>
    <message>
        <source>Original message not available</source>
        <translation>Mensagem original indisponível</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>Not sent: dismissed</source>
        <translation>Não enviada: descartada</translation>
    </message>
    <message>
        <source>The provider never confirmed it, and it was marked as not sent. Retry sends it again.</source>
        <translation>O provedor nunca a confirmou, e ela foi marcada como não enviada. Tentar de novo a envia outra vez.</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Nova mensagem</translation>
    </message>
    <message>
        <source>Show FlowChat</source>
        <translation>Mostrar o FlowChat</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message numerus="yes">
        <source>FlowChat: %n unread message(s)</source>
        <translation>
            <numerusform>FlowChat: %n mensagem não lida</numerusform>
            <numerusform>FlowChat: %n mensagens não lidas</numerusform>
        </translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
</context>
<context>
    <name>WebhookLogModel</name>
    <message>
        <source>Received</source>
        <translation>Recebido</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provedor</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Veredito</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>aceito</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>recusado</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>inválido</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>&amp;New conversation…</source>
        <translation>&amp;Nova conversa…</translation>
    </message>
    <message>
        <source>&amp;Have a customer write to you</source>
        <translation>&amp;Fazer um cliente escrever para você</translation>
    </message>
    <message>
        <source>Welcome to the FlowChat sandbox</source>
        <translation>Bem-vindo ao sandbox do FlowChat</translation>
    </message>
    <message>
        <source>Nothing here reaches WhatsApp: a built-in emulator plays Meta&apos;s Cloud API on this computer, and a sample customer answers what you send. Have the customer write to you, pick the conversation on the left, reply, and watch the ticks go sent, delivered, read.

To talk to real customers, choose Twilio or Meta in File &gt; Settings.</source>
        <translation>Nada aqui chega ao WhatsApp: um emulador embutido faz o papel da Cloud API da Meta neste computador, e um cliente de exemplo responde ao que você envia. Peça para o cliente escrever, escolha a conversa à esquerda, responda e veja os tiques passarem por enviado, entregue e lido.

Para falar com clientes reais, escolha Twilio ou Meta em Arquivo &gt; Configurações.</translation>
    </message>
    <message>
        <source>Pick a conversation</source>
        <translation>Escolha uma conversa</translation>
    </message>
    <message>
        <source>Choose a conversation on the left to read its history and reply, or start a new one with a customer&apos;s number.</source>
        <translation>Escolha uma conversa à esquerda para ler o histórico e responder, ou comece uma nova com o número de um cliente.</translation>
    </message>
</context>
</TS>

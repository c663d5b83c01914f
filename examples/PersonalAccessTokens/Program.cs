using PersonalAccessTokens;

var app = PersonalAccessTokensApp.Build(args);
app.Run();

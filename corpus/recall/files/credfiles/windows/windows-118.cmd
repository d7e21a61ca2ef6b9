net use Z: \\fs01.corp.internal\builds BcKN_NFnJHWEuqo9 /user:CORP\svc_build /persistent:no
